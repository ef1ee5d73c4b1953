/**
 * Kubernetes manifests: any YAML whose documents carry `apiVersion` and `kind`. The gunicorn command lines of
 * containers' `command:`/`args:` and `GUNICORN_CMD_ARGS` in `env:` are checked, hovered and completed in place
 * (commandline/); the objects feed the deployment model. Files keep VS Code's `yaml` language: nothing here judges
 * the YAML itself, and Helm templates (`{{ }}`) are left alone.
 */
import { commandHostFeatures } from '../../commandline/hostFeatures';
import type { AnalysisContext, FormatSupport, SymbolResult } from '../../core/format';
import { gunicornVersionOf } from '../requirements/gunicornVersion';
import type { ManifestDocument } from './document';
import { commandSites } from './facts';
import { parseManifests } from './parser';

export type {
  Located,
  ManifestCommand,
  ManifestContainer,
  ManifestDocument,
  ManifestEnvVar,
  ManifestObject,
  ManifestProbe,
  PodSpec,
  ProbeKind,
  ServicePort,
} from './document';
export { cpuQuantity, parseManifests } from './parser';
export { commandSites, manifestFacts, type ContainerFactsOf, type ContainerGunicorn, type ManifestFacts } from './facts';

export const KUBERNETES_LANGUAGE_ID = 'yaml';

/** How much of a file the content test reads. */
const HEAD = 4096;

function isYamlPath(path: string): boolean {
  return /\.ya?ml$/i.test(path);
}

/** A manifest's first bytes: `apiVersion:` and `kind:` at the top level, and no template. */
export function looksLikeManifest(head: string): boolean {
  const text = head.slice(0, HEAD);
  return /^apiVersion:[ \t]*\S/m.test(text) && /^kind:[ \t]*\S/m.test(text) && !/\{\{|\{%/.test(text);
}

/**
 * Where manifests live when the content cannot be read at claiming time (no first bytes offered): the usual
 * folders and `*deployment*.yaml` names; the parse then keeps only real manifests.
 */
export function isManifestFolderPath(path: string): boolean {
  if (!isYamlPath(path)) return false;
  const base = path.slice(path.lastIndexOf('/') + 1);
  return /(^|\/)(k8s|kubernetes|manifests|deploy|kustomize)\//.test(path) || /deployment/i.test(base);
}

/** Claims a YAML file by its content when the project offers its first bytes, else by its folder or name. */
export function isManifestFile(path: string, head?: () => string | undefined): boolean {
  if (!isYamlPath(path)) return false;
  if (!head) return isManifestFolderPath(path);
  const first = head();
  return first !== undefined && looksLikeManifest(first);
}

function version(context: AnalysisContext<ManifestDocument>): string {
  return gunicornVersionOf(context.project, context.path);
}

function symbols(context: AnalysisContext<ManifestDocument>): SymbolResult[] {
  return context.document.objects.map((object) => ({
    name: object.name ? `${object.kind} ${object.name}` : object.kind,
    detail: object.apiVersion,
    kind: 'block' as const,
    range: object.range,
    selectionRange: object.nameRange ?? object.range,
  }));
}

export const kubernetesFormat: FormatSupport<ManifestDocument> = {
  language: KUBERNETES_LANGUAGE_ID,
  matches: (path, _settings, head?: () => string | undefined) => isManifestFile(path, head),
  looksLike: (head: string) => looksLikeManifest(head),
  parse: (text, path) => parseManifests(text, path),
  ...commandHostFeatures<ManifestDocument>({ sites: commandSites, version }),
  symbols,
};
