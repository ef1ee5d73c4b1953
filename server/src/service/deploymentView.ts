/**
 * The deployment model as the service sees it: built once per project revision from every claimed file, its
 * findings grouped by file, and the editor features it adds (where an overridden setting is set instead, go to
 * the app or the socket's other end).
 */
import type { LinkResult, LocationResult } from '../core/format';
import type { Finding, Fix } from '../core/findings';
import { analyseDeployment, deploymentFixes, type DeploymentAnalysis, type DeploymentFinding } from '../deployment/index';
import { reaches } from '../deployment/addresses';
import type { DeploymentModel, Place, SettingAssignment } from '../deployment/model';
import type { WorkspaceProject } from './project';

const NONE: readonly DeploymentFinding[] = [];

export class DeploymentView {
  private cached: { revision: number; analysis: DeploymentAnalysis; owned: WeakSet<Finding>; appModules: Set<string> } | undefined;
  /** Per file, the findings last reported through takeChangedFiles, as a comparable signature. */
  private reported = new Map<string, string>();

  constructor(
    private readonly project: WorkspaceProject,
    private readonly log: (message: string) => void,
  ) {}

  private current() {
    if (this.cached?.revision === this.project.revision) return this.cached;
    const revision = this.project.revision;
    const files = this.project.claimedFiles();
    let analysis: DeploymentAnalysis;
    try {
      analysis = analyseDeployment(this.project, files, (rule, error) => this.log(`${rule} failed: ${String(error)}`));
    } catch (error) {
      this.log(`deployment model failed: ${String(error)}`);
      analysis = {
        model: { root: this.project.root, invocations: [], proxies: [], socketUnits: [], deployments: [], dependencies: new Map() },
        findings: new Map(),
      };
    }
    const owned = new WeakSet<Finding>();
    for (const list of analysis.findings.values()) for (const finding of list) owned.add(finding);
    const appModules = new Set<string>();
    for (const invocation of analysis.model.invocations) for (const module of invocation.app?.modules ?? []) appModules.add(module);
    this.cached = { revision, analysis, owned, appModules };
    return this.cached;
  }

  /** The model of the current revision (the deployment map draws it). */
  model(): DeploymentModel {
    return this.current().analysis.model;
  }

  findings(path: string): readonly DeploymentFinding[] {
    return this.current().analysis.findings.get(path) ?? NONE;
  }

  owns(finding: Finding): boolean {
    return this.current().owned.has(finding);
  }

  fixes(finding: Finding): Fix[] {
    const { analysis } = this.current();
    return deploymentFixes(finding as DeploymentFinding, analysis.model, this.project);
  }

  /** The files the model places at least one finding in. */
  findingFiles(): string[] {
    return [...this.current().analysis.findings].flatMap(([path, list]) => (list.length > 0 ? [path] : []));
  }

  appModules(): ReadonlySet<string> {
    return this.current().appModules;
  }

  /** The files gunicorn command lines name with `-c` and the model found: gunicorn configs whatever their names. */
  configFiles(): ReadonlySet<string> {
    const files = new Set<string>();
    for (const invocation of this.current().analysis.model.invocations) {
      if (invocation.config?.written && invocation.config.path) files.add(invocation.config.path);
    }
    return files;
  }

  /** Files whose cross-file findings differ from the last call's. */
  takeChangedFiles(): string[] {
    const { analysis } = this.current();
    const now = new Map<string, string>();
    for (const [path, list] of analysis.findings) {
      now.set(path, JSON.stringify(list.map((f) => [f.rule, f.range.start, f.range.end, f.message, f.severity ?? ''])));
    }
    const changed: string[] = [];
    for (const path of new Set([...now.keys(), ...this.reported.keys()])) if (now.get(path) !== this.reported.get(path)) changed.push(path);
    this.reported = now;
    return changed;
  }

  /**
   * On a setting in a config file: the value gunicorn really uses when a command line or GUNICORN_CMD_ARGS
   * overrides it, and where that is.
   */
  overrideNote(path: string, offset: number, describe: (place: Place) => string): string | undefined {
    const notes: string[] = [];
    for (const invocation of this.current().analysis.model.invocations) {
      if (invocation.config?.path !== path) continue;
      for (const setting of invocation.settings.values()) {
        const here = setting.overridden.find(
          (assignment) => assignment.source === 'config' && contains(assignment.statement ?? assignment.place, path, offset),
        );
        if (!here || setting.source === 'config' || !setting.place) continue;
        notes.push(
          `**Overridden:** ${describeAssignment(setting)} in \`${describe(setting.place)}\` sets \`${setting.name}\` for ${hostLabel(invocation.host)}; this line has no effect there.`,
        );
      }
    }
    return notes.length > 0 ? notes.join('\n\n') : undefined;
  }

  /** From an app target to its definition; from an nginx proxy address to the gunicorn bind or socket that serves it. */
  definition(path: string, offset: number): LocationResult[] {
    const { model } = this.current().analysis;
    const found: LocationResult[] = [];
    for (const invocation of model.invocations) {
      const app = invocation.app;
      if (app?.definition && contains(app.target.place, path, offset)) found.push(app.definition);
    }
    for (const proxy of model.proxies) {
      for (const endpoint of proxy.endpoints) {
        if (!contains(endpoint.place, path, offset)) continue;
        for (const invocation of model.invocations) {
          for (const bound of invocation.binds) if (reaches(endpoint.value, bound.endpoint)) found.push(bound.place);
        }
      }
    }
    return dedupe(found);
  }

  /** The app target as a link to its module. */
  links(path: string): LinkResult[] {
    const links: LinkResult[] = [];
    for (const invocation of this.current().analysis.model.invocations) {
      const app = invocation.app;
      if (app?.file && app.target.place.path === path) links.push({ range: app.target.place.range, target: app.file, tooltip: `The app module ${app.module}` });
    }
    return links;
  }
}

function contains(place: Place | undefined, path: string, offset: number): boolean {
  return !!place && place.path === path && place.range.start <= offset && offset <= place.range.end;
}

function describeAssignment(assignment: SettingAssignment): string {
  const value = assignment.value.known ? JSON.stringify(assignment.value.value) : `\`${assignment.value.text ?? '?'}\``;
  if (assignment.source === 'command-line') return `\`${assignment.flag ?? 'a flag'}\` = ${value} on the command line`;
  if (assignment.source === 'env') return `\`${assignment.flag ?? 'a flag'}\` = ${value} in GUNICORN_CMD_ARGS`;
  return value;
}

function hostLabel(host: string): string {
  return host === 'systemd' ? 'the systemd service' : host === 'procfile' ? 'the Procfile process' : `the ${host}`;
}

function dedupe(locations: LocationResult[]): LocationResult[] {
  const seen = new Set<string>();
  return locations.filter((location) => {
    const key = `${location.path}:${location.range.start}:${location.range.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
