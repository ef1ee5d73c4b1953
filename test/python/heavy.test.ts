/** Heavy packages imported and models loaded on load: module level and factories count, lazy imports do not. */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { initPython } from '../../server/src/core/treeSitter';
import { HEAVY_MODULES, MODEL_LOADERS } from '../../server/src/formats/python/heavy';
import { facts, textOf } from './support';

before(() => initPython());

function heavy(...lines: string[]): string[] {
  const read = facts(...lines);
  return read.heavy.map((fact) => `${fact.runs} ${fact.kind} ${fact.what}: ${textOf(read.text, fact.range)}`);
}

test('module-level imports of heavy packages count, submodules and from-imports included', () => {
  assert.deepEqual(heavy('import torch'), ['import import torch: torch']);
  assert.deepEqual(heavy('import torch.nn as nn'), ['import import torch: torch.nn as nn']);
  assert.deepEqual(heavy('from transformers import AutoTokenizer'), ['import import transformers: from transformers import AutoTokenizer']);
  assert.deepEqual(heavy('import tensorflow as tf'), ['import import tensorflow: tensorflow as tf']);
});

test('light packages, look-alikes and relative imports do not count', () => {
  assert.deepEqual(heavy('import flask', 'import requests', 'import spacy'), []);
  assert.deepEqual(heavy('import torchmetrics_lite', 'import torch_utils'), []);
  assert.deepEqual(heavy('from .torch import helpers'), []);
});

test('an import inside a function is lazy: only the function records it, as running when it is called', () => {
  assert.deepEqual(heavy('def predict(text):', '    import torch', '    return torch.tensor([1])'), ['call:predict import torch: torch']);
  assert.deepEqual(heavy('class Model:', '    def load(self):', '        import torch'), []);
});

test('model loads count where they run', () => {
  assert.deepEqual(heavy('import spacy', 'nlp = spacy.load("en_core_web_lg")'), ['import model spacy.load: spacy.load("en_core_web_lg")']);
  assert.deepEqual(heavy('from sentence_transformers import SentenceTransformer', 'model = SentenceTransformer("all-MiniLM-L6-v2")').length, 2);
  assert.deepEqual(heavy('from transformers import AutoModel', 'm = AutoModel.from_pretrained("bert-base-uncased")').length, 2);
  assert.deepEqual(heavy('import joblib', 'clf = joblib.load("model.pkl")'), []);
  assert.deepEqual(heavy('import spacy', 'def nlp():', '    return spacy.load("en_core_web_sm")'), ['call:nlp model spacy.load: spacy.load("en_core_web_sm")']);
});

test('an unrelated load() is not a model load', () => {
  assert.deepEqual(heavy('import json', 'data = json.load(open("x.json"))'), []);
  assert.deepEqual(heavy('import yaml', 'conf = yaml.safe_load(open("x.yaml"))'), []);
});

test('every heavy module and loader says why it is slow', () => {
  for (const entry of HEAVY_MODULES) assert.ok(entry.why.length > 10 && /^[a-z_]+$/.test(entry.module), entry.module);
  for (const entry of MODEL_LOADERS) assert.ok(entry.what.length > 0, String(entry.call));
});
