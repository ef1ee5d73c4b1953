/** What the server calls itself in initialize's serverInfo: the product's one version (core/productVersion.ts). */
import { productVersion } from '../core/productVersion';

export const SERVER_NAME = 'gunicorn-lint';

export function serverVersion(): string {
  return productVersion();
}
