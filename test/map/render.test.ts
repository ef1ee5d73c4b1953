/**
 * The renderings of the map. DOT is judged by Graphviz itself (`dot -Tsvg`, Debian's graphviz; skipped when absent
 * unless GUNICORN_LINT_REQUIRE_ORACLES=1). Mermaid has no offline judge here, so a grammar check of our own reads
 * every line as one of the statements we emit and requires every label to be a quoted string that cannot end early.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test, type TestContext } from 'node:test';
import { renderDot } from '../../server/src/deployment/map/dot';
import { renderJson } from '../../server/src/deployment/map/json';
import { mermaidText, renderMermaid } from '../../server/src/deployment/map/mermaid';
import type { DeploymentGraph, GraphFinding } from '../../server/src/deployment/map/types';
import { skipMissingOracle } from '../support/oracles';
import { mapOf } from './support';

const FOLDERS = ['examples', 'examples/container', 'test/fixtures/deploy/bind-mismatch', 'test/fixtures/deploy/proxy-timeout'];

/** Text that would break a naive label in either language. */
const HOSTILE = 'a "quoted" \\N back\\slash ]] }} |pipe| --> %% ; <script>x</script> #35; & é 中 \n new line';

function hostileGraph(): DeploymentGraph {
  const place = { path: 'dir with space/nginx "x".conf', line: 2, character: 0 };
  const finding: GraphFinding = { id: 'deploy/bind-mismatch', severity: 'error', message: HOSTILE, place };
  return {
    version: 1,
    root: '/tmp/x',
    nodes: [
      { id: 'a"b', kind: 'nginx-location', label: `location ${HOSTILE}`, details: [HOSTILE], place, findings: [finding] },
      { id: 'c\\d', kind: 'socket', label: 'unix:/run/a]b.sock', details: [], place, findings: [] },
    ],
    edges: [{ from: 'a"b', to: 'c\\d', label: HOSTILE, place, findings: [finding] }],
  };
}

// --- Mermaid: the statements renderMermaid writes, and nothing else --------------------------------------------

/** A quoted label: plain characters, numeric entities, and <br/> line breaks only. */
const LABEL = String.raw`"(?:[A-Za-z0-9 .,:_()=/+*@-]|#\d+;|<br/>)*"`;
const SHAPE = [
  String.raw`\[`,
  String.raw`\]`,
  String.raw`\(\[`,
  String.raw`\]\)`,
  String.raw`\{\{`,
  String.raw`\}\}`,
  String.raw`\[\[`,
  String.raw`\]\]`,
  String.raw`\[/`,
  String.raw`/\]`,
  String.raw`\(`,
  String.raw`\)`,
];
const SHAPES = Array.from({ length: SHAPE.length / 2 }, (_, i) => `${SHAPE[2 * i]}${LABEL}${SHAPE[2 * i + 1]}`).join('|');
const NODE = new RegExp(String.raw`^  (n\d+)(?:${SHAPES})$`);
const EDGE = new RegExp(String.raw`^  (n\d+) -->\|${LABEL}\| (n\d+)$`);
const LINK_STYLE = /^ {2}linkStyle (\d+) stroke:#[0-9a-f]{6},stroke-width:\dpx$/;
const CLASS_DEF = /^ {2}classDef (error|warning|info) stroke:#[0-9a-f]{6},stroke-width:\dpx$/;
const CLASS = /^ {2}class (n\d+) (error|warning|info)$/;

function checkMermaid(text: string, graph: DeploymentGraph): void {
  assert.ok(text.endsWith('\n'));
  const lines = text.slice(0, -1).split('\n');
  assert.equal(lines[0], 'flowchart LR');
  const declared = new Set<string>();
  let edges = 0;
  for (const line of lines.slice(1)) {
    let match: RegExpExecArray | null;
    if ((match = NODE.exec(line))) {
      assert.ok(!declared.has(match[1]), `${match[1]} declared once`);
      declared.add(match[1]);
    } else if ((match = EDGE.exec(line))) {
      assert.ok(declared.has(match[1]) && declared.has(match[2]), `edge between declared nodes: ${line}`);
      edges++;
    } else if ((match = LINK_STYLE.exec(line))) {
      assert.ok(Number(match[1]) < edges, `linkStyle ${match[1]} names an edge`);
    } else if ((match = CLASS.exec(line))) {
      assert.ok(declared.has(match[1]));
    } else assert.ok(CLASS_DEF.test(line), `not a statement of ours: ${JSON.stringify(line)}`);
  }
  assert.equal(declared.size, graph.nodes.length);
  assert.equal(edges, graph.edges.length);
}

/** Mermaid's own decoding of a label: entities back to characters, <br/> to line breaks. */
function decodeMermaid(label: string): string {
  return label.replace(/#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code))).replace(/<br\/>/g, '\n');
}

describe('Mermaid rendering', () => {
  test('every map of the fixtures reads as our flowchart grammar', async () => {
    for (const folder of FOLDERS) {
      const graph = await mapOf(folder);
      checkMermaid(renderMermaid(graph), graph);
    }
  });

  test('hostile text stays inside its label and decodes back to itself', () => {
    const graph = hostileGraph();
    const text = renderMermaid(graph);
    checkMermaid(text, graph);
    assert.ok(!text.includes('<script>'));
    assert.equal(decodeMermaid(mermaidText(HOSTILE)), HOSTILE);
    assert.match(text, /class n0 error/);
    assert.match(text, /linkStyle 0 stroke:#d1242f/);
  });

  test('the 502 mismatch is drawn as a red edge with the check id', async () => {
    const text = renderMermaid(await mapOf('test/fixtures/deploy/bind-mismatch'));
    const edge = text.split('\n').findIndex((line) => line.includes('error deploy#47;bind-mismatch') || line.includes('error deploy/bind-mismatch'));
    assert.ok(edge > 0, text);
    assert.match(text, /linkStyle \d+ stroke:#d1242f/);
  });
});

// --- DOT: judged by Graphviz ----------------------------------------------------------------------------------

function graphviz(t: TestContext): boolean {
  const probe = spawnSync('dot', ['-V'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    skipMissingOracle(t, 'Graphviz `dot` is not installed (apt-get install graphviz)');
    return false;
  }
  return true;
}

function svgOf(dot: string): string {
  const result = spawnSync('dot', ['-Tsvg'], { input: dot, encoding: 'utf8' });
  assert.equal(result.status, 0, `dot -Tsvg failed: ${result.stderr}\n${dot}`);
  assert.equal(result.stderr, '', `dot warned: ${result.stderr}`);
  return result.stdout;
}

/** The text lines of an SVG, entities decoded (Graphviz writes each label line as one <text>). */
function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1]
      .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
      .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(parseInt(code, 16)))
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
      .replace(/&#160;|\u00a0/g, ' '),
  );
}

describe('DOT rendering', () => {
  test('Graphviz draws every map of the fixtures, with one box per node and one arrow per edge', async (t) => {
    if (!graphviz(t)) return;
    for (const folder of FOLDERS) {
      const graph = await mapOf(folder);
      const svg = svgOf(renderDot(graph));
      assert.equal([...svg.matchAll(/class="node"/g)].length, graph.nodes.length, folder);
      assert.equal([...svg.matchAll(/class="edge"/g)].length, graph.edges.length, folder);
      const texts = svgTexts(svg);
      for (const node of graph.nodes) assert.ok(texts.includes(node.label), `${folder}: ${node.label} drawn`);
    }
  });

  test('hostile labels reach the drawing as written (quotes, backslashes, DOT escapes)', (t) => {
    if (!graphviz(t)) return;
    const texts = svgTexts(svgOf(renderDot(hostileGraph())));
    assert.ok(texts.includes(`location ${HOSTILE.replace('\n', ' ')}`), JSON.stringify(texts.slice(0, 4)));
    assert.ok(texts.includes('unix:/run/a]b.sock'));
  });
});

describe('JSON rendering', () => {
  test('is the graph itself, with its version', async () => {
    const graph = await mapOf('examples');
    const parsed = JSON.parse(renderJson(graph)) as DeploymentGraph;
    assert.equal(parsed.version, 1);
    assert.deepEqual(parsed, graph);
  });
});
