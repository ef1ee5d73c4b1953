/**
 * Heavy work the app does while it loads: imports of large ML and data libraries, and models loaded from disk or a
 * hub. Either can hold a worker (or, with `preload_app`, the master) for many seconds before it opens its socket or
 * answers, which is what a Kubernetes liveness probe without a startup probe does not wait for.
 *
 * Only what runs on load counts: module level, or the body of a top-level function the app calls while loading (a
 * factory). An import inside a view or any function nobody calls at load is lazy: not counted. The reasons below are
 * for the docs and the messages; they are typical figures on a warm disk, not measurements of any one app.
 */
import { type CallSite, type DetectorState, runsOnLoad } from './calls';
import { rangeOf } from './tree';
import type { ImportFact } from './types';

export interface HeavyModule {
  /** The top-level package (`torch`); `torch.nn` and `from torch import nn` count as it. */
  module: string;
  why: string;
}

/** Packages whose import alone takes seconds. spaCy is not here: its import is quick, its `spacy.load` is not. */
export const HEAVY_MODULES: readonly HeavyModule[] = [
  { module: 'torch', why: 'loads the PyTorch C++ runtime and its CUDA libraries (hundreds of MB)' },
  { module: 'torchvision', why: 'imports PyTorch, then its model zoo and image ops' },
  { module: 'torchaudio', why: 'imports PyTorch, then its audio backends' },
  { module: 'tensorflow', why: 'loads the TensorFlow runtime and registers every op and kernel' },
  { module: 'keras', why: 'imports its backend (TensorFlow, JAX or PyTorch)' },
  { module: 'jax', why: 'loads XLA (jaxlib) and probes the accelerators' },
  { module: 'transformers', why: 'imports PyTorch or TensorFlow and a large model registry' },
  { module: 'sentence_transformers', why: 'imports transformers and PyTorch' },
  { module: 'diffusers', why: 'imports PyTorch and transformers' },
  { module: 'vllm', why: 'imports PyTorch, CUDA kernels and its engine' },
  { module: 'paddle', why: 'loads the PaddlePaddle runtime' },
  { module: 'mxnet', why: 'loads the MXNet runtime' },
];

export interface ModelLoader {
  /** The qualified callee (names.ts: `from transformers import AutoModel` makes `AutoModel.from_pretrained` `transformers.AutoModel.from_pretrained`). */
  call: RegExp;
  what: string;
}

/** Calls that read a model's weights: from disk, or downloaded from a hub on first start. */
export const MODEL_LOADERS: readonly ModelLoader[] = [
  { call: /^spacy\.load$/, what: 'spacy.load' },
  { call: /^sentence_transformers\.(SentenceTransformer|CrossEncoder)$/, what: 'a sentence-transformers model' },
  { call: /^transformers\.pipeline$/, what: 'a transformers pipeline' },
  { call: /^(transformers|diffusers|peft|sentence_transformers)\.[\w.]+\.from_pretrained$/, what: 'from_pretrained' },
  { call: /^torch\.(load|hub\.load|jit\.load)$/, what: 'torch.load' },
  { call: /^(tensorflow\.keras|keras)\.(models\.|saving\.)?load_model$/, what: 'a Keras model' },
  { call: /^tensorflow\.saved_model\.load$/, what: 'a TensorFlow SavedModel' },
  { call: /^whisper\.load_model$/, what: 'a Whisper model' },
  { call: /^fasttext\.load_model$/, what: 'a fastText model' },
];

const MAX_RECORDS = 100;

function heavyModuleOf(module: string): HeavyModule | undefined {
  const top = module.split('.')[0];
  return HEAVY_MODULES.find((heavy) => heavy.module === top);
}

/** `import torch`, `from transformers import pipeline`: absolute imports of a heavy package that run on load. */
export function detectHeavyImports(imports: readonly ImportFact[], state: DetectorState): void {
  for (const fact of imports) {
    if (fact.level !== 0 || fact.runs === 'later' || state.facts.heavy.length >= MAX_RECORDS) continue;
    const heavy = heavyModuleOf(fact.module);
    if (heavy) state.facts.heavy.push({ range: fact.range, runs: fact.runs, kind: 'import', what: heavy.module, why: heavy.why });
  }
}

/** `spacy.load("en_core_web_lg")`, `AutoModel.from_pretrained(...)`, `torch.load(path)` on load. */
export function detectModelLoad(call: CallSite, state: DetectorState): void {
  if (!runsOnLoad(call.context) || state.facts.heavy.length >= MAX_RECORDS) return;
  for (const name of call.qualified) {
    const loader = MODEL_LOADERS.find((candidate) => candidate.call.test(name));
    if (loader) {
      state.facts.heavy.push({ range: rangeOf(call.node), runs: call.context.runs, kind: 'model', what: loader.what, why: 'reads model weights' });
      return;
    }
  }
}
