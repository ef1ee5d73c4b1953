/**
 * The map webview's page: a strict Content-Security-Policy (nothing remote, no inline code or styles; the one
 * script carries a fresh nonce), the bundled script and stylesheet from the extension's dist/.
 */
import { randomBytes } from 'node:crypto';

export interface PageResources {
  /** webview.cspSource */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [`default-src 'none'`, `style-src ${cspSource}`, `script-src 'nonce-${nonce}'`, `img-src ${cspSource} data:`].join('; ');
}

export function newNonce(): string {
  return randomBytes(18)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '');
}

export function mapPage(resources: PageResources, nonce = newNonce()): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(resources.cspSource, nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${resources.styleUri}">
<title>Deployment Map</title>
</head>
<body>
<div id="status" class="status">Loading the deployment map...</div>
<div id="map" class="map"></div>
<script nonce="${nonce}" src="${resources.scriptUri}"></script>
</body>
</html>`;
}
