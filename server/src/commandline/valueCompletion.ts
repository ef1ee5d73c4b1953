/**
 * Completion items for the values of a gunicorn setting: the worker classes for worker_class, else the setting's
 * fixed set of values. The same items wherever a value is typed (a `-k` on a command line, `worker_class = "` in
 * gunicorn.conf.py), so the gunicorn format takes them from here: formats may import commandline/, not each other.
 */
import type { CompletionResult } from '../core/format';
import type { OffsetRange } from '../core/text';
import { settingValueMarkdown, workerMarkdown } from '../knowledge/gunicorn/describe';
import { isWorkerAvailable, WORKER_CLASSES } from '../knowledge/gunicorn/index';
import type { GunicornSetting } from '../knowledge/gunicorn/types';

export function settingValueItems(setting: GunicornSetting, replace: OffsetRange, version: string): CompletionResult[] {
  if (setting.name === 'worker_class') {
    return WORKER_CLASSES.map((worker) => ({
      label: worker.name,
      kind: 'value',
      detail: worker.summary,
      documentation: workerMarkdown(worker),
      replace,
      sortText: `${worker.builtin ? '0' : '1'}${worker.name}`,
      deprecated: worker.deprecated !== undefined || !isWorkerAvailable(worker, version),
    }));
  }
  return (setting.values ?? []).map((value, index) => ({
    label: value,
    kind: 'value',
    detail: setting.name,
    documentation: settingValueMarkdown(setting, value),
    replace,
    sortText: String(index).padStart(3, '0'),
  }));
}
