/**
 * A refused change as the CLI says it: the workflow names its own fields (`unitId`), the person typed an
 * option (`--unit`). The workflow's refusals are built here as it builds them: an ApplicationFailure whose
 * message starts with the field and whose details carry the field and the reason.
 */
import { QueryNotRegisteredError, ServiceError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { InputError } from '../../config/errors';
import { EngineNotAnsweringError, YearBeingPlannedError } from '../../client/errors';
import { explain } from '../../client/workflow-handle';
import { YEAR_BEING_PLANNED } from '../../workflows/messages';

function refused(field: string, reason: string): WorkflowUpdateFailedError {
  const failure = ApplicationFailure.create({ type: 'ChangeRejected', message: `${field}: ${reason}`, nonRetryable: true, details: [{ field, reason }] });
  return new WorkflowUpdateFailedError('Workflow Update failed', failure);
}

const said = (err: unknown): string => {
  expect(err).toBeInstanceOf(InputError);
  return (err as Error).message;
};

describe('a refused change names the option the person typed', () => {
  it.each([
    ['unitId', '--unit'],
    ['itemId', '--item'],
    ['receivedAt', '--received'],
    ['reference', '--ref'],
    ['note', '--note'],
    ['until', '--until'],
    ['reason', '--reason'],
    ['date', '--date'],
    ['time', '--time'],
    ['allowPast', '--past'],
    ['emails', '--email'],
    ['cc', '--cc'],
    ['apply', '--yes'],
    ['points', '--points'],
    ['deductions', '--deduct'],
    ['deducted', '--deduct'],
    ['bonus', '--bonus'],
    ['justification', '--justify'],
    ['consent', '--consent'],
    ['by', '--by'],
    ['criterion', '--criterion'],
    ['criteria', '--criterion'],
    ['conferenceDate', '--date'],
    ['minutes', '--minutes'],
    ['agreed', '--agree'],
  ])('%s as %s', (field, option) => {
    expect(said(explain(refused(field, 'không hợp lệ / invalid')))).toBe(`${option}: không hợp lệ / invalid`);
  });

  it('keeps the workflow\'s words for what is no option (the year already handed over)', () => {
    expect(said(explain(refused('handover', 'năm 2049 đã chuyển giao / already handed over')))).toBe('handover: năm 2049 đã chuyển giao / already handed over');
  });

  it('lets a command say where a field came from, such as its file', () => {
    const fromFile = (field: string) => (field.startsWith('decisions') ? `khoi.yaml: calendar.${field}: ngoài chu kỳ / outside the cycle` : undefined);
    expect(said(explain(refused('decisions[0].year', 'ngoài chu kỳ / outside the cycle'), undefined, fromFile))).toBe(
      'khoi.yaml: calendar.decisions[0].year: ngoài chu kỳ / outside the cycle',
    );
    expect(said(explain(refused('unitId', 'không có đơn vị / unknown unit'), undefined, fromFile))).toBe('--unit: không có đơn vị / unknown unit');
  });

  it('gives the message as it came when a refusal carries no field (a worker of another release)', () => {
    const failure = ApplicationFailure.create({ type: 'ChangeRejected', message: 'unitId: không có đơn vị / unknown unit' });
    expect(said(explain(new WorkflowUpdateFailedError('Workflow Update failed', failure)))).toBe('unitId: không có đơn vị / unknown unit');
  });
});

describe('a year that cannot answer yet, or an engine that does not answer, is the server’s trouble and says which', () => {
  it('a query asked while the year works out its dates: ask again in a moment', () => {
    // As the client gives it: the workflow's own words, reported as a query "not registered".
    const early = new QueryNotRegisteredError(`Query failed: ${YEAR_BEING_PLANNED}`, 3);
    expect(explain(early)).toBeInstanceOf(YearBeingPlannedError);
    expect(explain(new QueryNotRegisteredError('Query handler not registered: statusX', 3))).not.toBeInstanceOf(YearBeingPlannedError);
  });

  it('a call past its deadline: no worker answered', () => {
    const late = Object.assign(new Error('4 DEADLINE_EXCEEDED: Deadline exceeded'), { code: 4, details: 'Deadline exceeded', metadata: {} });
    const err = explain(new ServiceError('Failed to query Workflow', { cause: late }));
    expect(err).toBeInstanceOf(EngineNotAnsweringError);
    expect((err as Error).message).toBe('bộ máy nhắc hạn không trả lời kịp: không có worker nào đang chạy, hoặc đều quá tải / no worker answered in time');
  });
});
