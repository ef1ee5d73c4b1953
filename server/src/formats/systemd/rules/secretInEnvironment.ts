/** systemd/secret-in-environment: a password or token written into `Environment=`. */
import type { Rule } from '../../../core/rule';
import type { Finding } from '../../../core/findings';
import type { SystemdCheckContext } from '../context';
import { parseEnvironment } from '../environment';

/** Variable names that hold credentials. `KEY` alone is too vague (CACHE_KEY_PREFIX), so it needs a qualifier. */
const SECRET_NAME = /(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?|_PW$|^PW_)/i;

/** URLs with a password in them (`postgres://user:pass@host/db`). */
const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^:/@\s]+:[^@/\s]+@/i;

function looksLikeReference(value: string): boolean {
  return (
    value === '' ||
    /^\$\{?[A-Za-z_]/.test(value) ||
    /^%[a-zA-Z]/.test(value) ||
    /^(changeme|none|null|false|true|x+|\*+)$/i.test(value) ||
    value.startsWith('/')
  );
}

export const secretInEnvironment: Rule<SystemdCheckContext> = {
  id: 'systemd/secret-in-environment',
  severity: 'warning',
  summary: 'A password or token in `Environment=`: unit files are world-readable and `systemctl show` prints it.',
  check(context) {
    const findings: Finding[] = [];
    for (const entry of context.document.entries) {
      if (entry.key !== 'Environment' || (entry.section !== 'Service' && entry.section !== 'Socket')) continue;
      for (const assignment of parseEnvironment(entry)) {
        if (!assignment.valid || looksLikeReference(assignment.value)) continue;
        const byName = SECRET_NAME.test(assignment.name);
        const byUrl = URL_WITH_PASSWORD.test(assignment.value);
        if (!byName && !byUrl) continue;
        findings.push({
          rule: 'systemd/secret-in-environment',
          range: assignment.range,
          message: `${assignment.name} looks like a secret: any user can read unit files and \`systemctl show\` prints the environment. Move it to an EnvironmentFile= readable only by root, or to LoadCredential=.`,
        });
      }
    }
    return findings;
  },
};
