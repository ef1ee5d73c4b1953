/**
 * Whether two statements can both run. Module-level statements record the if/try/with/for/while arms around
 * them as BranchSteps; two statements are alternatives when some shared if statement puts them in different arms,
 * or some shared try statement puts them in two different except arms, or in an except arm and the else arm.
 * A try body and its except arm are not alternatives (the body may have run partly before the exception), a try
 * body and its else arm run together, and loop/with bodies are never alternatives.
 */
import type { BranchStep } from '../model';

export const TRY_ELSE = 'else';

function tryArmsExclusive(a: BranchStep, b: BranchStep): boolean {
  if (a.arm === 0 || b.arm === 0) return false; // the try body may run (partly) with any arm
  const aIsElse = a.condition === TRY_ELSE;
  const bIsElse = b.condition === TRY_ELSE;
  if (aIsElse && bIsElse) return false;
  return true; // two except arms, or an except arm and the else arm
}

export function areAlternatives(a: readonly BranchStep[], b: readonly BranchStep[]): boolean {
  for (const stepA of a) {
    for (const stepB of b) {
      if (stepA.statement !== stepB.statement || stepA.arm === stepB.arm) continue;
      if (stepA.kind === 'if' && stepB.kind === 'if') return true;
      if (stepA.kind === 'try' && stepB.kind === 'try' && tryArmsExclusive(stepA, stepB)) return true;
    }
  }
  return false;
}
