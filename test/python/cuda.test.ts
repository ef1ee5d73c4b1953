/** CUDA initialised on load: what creates a context counts, what only asks about the machine does not. */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { initPython } from '../../server/src/core/treeSitter';
import { facts, textOf } from './support';

before(() => initPython());

function cuda(...lines: string[]): string[] {
  const read = facts(...lines);
  return read.cuda.filter((fact) => fact.runs === 'import').map((fact) => textOf(read.text, fact.range));
}

test('torch.cuda calls that initialise count', () => {
  assert.deepEqual(cuda('import torch', 'torch.cuda.init()'), ['torch.cuda.init()']);
  assert.deepEqual(cuda('import torch', 'torch.cuda.set_device(0)'), ['torch.cuda.set_device(0)']);
  assert.deepEqual(cuda('import torch', 'DEVICE = torch.cuda.current_device()'), ['torch.cuda.current_device()']);
  assert.deepEqual(cuda('from torch import cuda', 'cuda.synchronize()'), ['cuda.synchronize()']);
});

test('torch.cuda queries that do not create a context do not count', () => {
  assert.deepEqual(cuda('import torch', 'HAS_GPU = torch.cuda.is_available()'), []);
  assert.deepEqual(cuda('import torch', 'N = torch.cuda.device_count()'), []);
  assert.deepEqual(cuda('import torch', 'torch.cuda.manual_seed_all(0)'), []);
});

test('.cuda() and .to("cuda") count; .to("cpu") does not', () => {
  assert.deepEqual(cuda('model = load().cuda()'), ['load().cuda()']);
  assert.deepEqual(cuda('model = load().to("cuda")'), ['load().to("cuda")']);
  assert.deepEqual(cuda('model = load().to("cuda:1")'), ['load().to("cuda:1")']);
  assert.deepEqual(cuda('model = load().to("cpu")'), []);
  assert.deepEqual(cuda('x = y.to(torch.float16)'), []);
});

test('torch.device("cuda") counts only when something moves to it', () => {
  assert.deepEqual(cuda('import torch', 'device = torch.device("cuda")'), []);
  assert.deepEqual(cuda('import torch', 'model = load().to(torch.device("cuda"))'), ['load().to(torch.device("cuda"))']);
  assert.deepEqual(cuda('import torch', 'device = torch.device("cuda:0")', 'model = load().to(device)'), ['load().to(device)']);
  assert.deepEqual(cuda('import torch', 'device = torch.device("cpu")', 'model = load().to(device)'), []);
});

test('a device chosen by the machine is not known: not counted', () => {
  assert.deepEqual(cuda('import torch', 'device = "cuda" if torch.cuda.is_available() else "cpu"', 'model = load().to(device)'), []);
});

test('device=, device_map= and map_location= keywords naming CUDA count', () => {
  assert.deepEqual(cuda('import torch', 'x = torch.zeros(3, device="cuda")'), ['torch.zeros(3, device="cuda")']);
  assert.deepEqual(cuda('m = Model.from_pretrained(name, device_map="cuda:0")').length, 1);
  assert.deepEqual(cuda('import torch', 'state = torch.load(path, map_location="cuda")').length, 1);
  assert.deepEqual(cuda('import torch', 'state = torch.load(path, map_location="cpu")'), []);
  assert.deepEqual(cuda('p = pipeline("x", device=0)'), [], 'an index may be a CPU for some libraries: not counted');
});

test('CUDA in a function body runs only when called', () => {
  const read = facts('import torch', 'def load_model():', '    return Model().cuda()', 'def handler():', '    def inner():', '        torch.cuda.init()');
  assert.deepEqual(
    read.cuda.map((fact) => fact.runs),
    ['call:load_model'],
  );
});
