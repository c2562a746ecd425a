// The explain channel: the same diagnosis as `porthole explain`, over the monitor's current snapshot.
import { CHECKS, explain, machineContext } from '../../core/explain/index.js';
import { isExplainInputError, parseExplainInput } from '../../domain/explain-input.js';
import type { ExplanationView } from '../../domain/explanation.js';
import type { ServiceContext } from '../context.js';
import { serviceError } from '../errors.js';
import type { HandlersFor } from './types.js';

type ExplainChannel = 'porthole:ports:explain';

export function explainHandlers(ctx: ServiceContext): HandlersFor<ExplainChannel> {
  return {
    'porthole:ports:explain': async ({ text }): Promise<ExplanationView> => {
      const input = parseExplainInput([text]);
      if (isExplainInputError(input)) throw serviceError('invalid-request', input.error);
      // The window already shows this snapshot: explaining it keeps the two in step (no new scan).
      const context = machineContext(input, ctx.monitor.snapshot, {
        history: ctx.history,
        clock: ctx.clock,
      });
      return explain(input, context, CHECKS);
    },
  };
}
