import { initialBalances, parseDecimal } from './mtn-momo.balances';
import type { MtnRecordBase, MtnRefund, MtnRequestToPay, MtnTransfer } from './mtn-momo.records';
import { accountHolderCase } from './mtn-momo.scenarios';
import {
  DEFAULT_REFUND_SCENARIO,
  DEFAULT_TRANSFER_SCENARIO,
  refundTestScenario,
  resolveTransferScenario,
} from './mtn-momo.scenarios.disbursement';
import { MtnSettlement } from './mtn-momo.settlement';
import { validateRefund, validateTransfer } from './mtn-momo.validation';

describe('MTN balances', () => {
  it('parses major units into minor units, truncating or refusing extra decimals', () => {
    expect(parseDecimal('1000000', 2, 'truncate', false)).toEqual({ ok: true, minor: 100_000_000n });
    expect(parseDecimal('12.345', 2, 'truncate', false)).toEqual({ ok: true, minor: 1234n });
    expect(parseDecimal('12.5', 0, 'truncate', false)).toEqual({ ok: true, minor: 12n });
    expect(parseDecimal('0', 2, 'reject', false)).toEqual({ ok: true, minor: 0n });
    expect(parseDecimal('-3.5', 2, 'reject', true)).toEqual({ ok: true, minor: -350n });
    expect(parseDecimal('1.50', 0, 'reject', true).ok).toBe(false);
    expect(parseDecimal('1.00', 0, 'reject', true)).toEqual({ ok: true, minor: 1n });
    for (const bad of ['', '-1', '1e3', ' 1', '.5', '1,5', 'x']) expect(parseDecimal(bad, 2, 'truncate', false).ok).toBe(false);
  });

  it('starts every environment: disbursement from the option, collection at 0', () => {
    const balances = initialBalances('10.5');
    expect(balances.get('disbursement:sandbox')).toBe(1050n);
    expect(balances.get('disbursement:mtnuganda')).toBe(10n);
    expect(balances.get('collection:mtnghana')).toBe(0n);
    expect(balances.size).toBe(30);
    expect(() => initialBalances('-1')).toThrow(/mtnDisbursementBalance/);
  });
});

describe('MTN disbursement tables', () => {
  const payee = (partyId: string) => resolveTransferScenario({ partyIdType: 'MSISDN', partyId });

  it('maps the transfer (payee) column and Malipo suffixes', () => {
    expect(payee('46733123455').outcome).toEqual({ status: 'FAILED', reason: 'NOT_ENOUGH_FUNDS' });
    expect(payee('46733123457').outcome).toEqual({ status: 'FAILED', reason: 'PAYEE_NOT_FOUND' });
    expect(payee('46733123458').sync).toEqual({ httpStatus: 500, code: 'NOT_ALLOWED', recorded: false });
    expect(payee('46733123462').sync).toEqual({ httpStatus: 500, code: 'INTERNAL_PROCESSING_ERROR', recorded: true });
    expect(payee('46733123463').sync?.httpStatus).toBe(503);
    expect(payee('46733123454')).toMatchObject({ initialStatus: 'CREATED', outcome: null });
    expect(payee('256772990001').id).toBe('slow-success');
    expect(payee('256772990010').outcome?.reason).toBe('PAYEE_NOT_FOUND');
    expect(payee('46733999999')).toBe(DEFAULT_TRANSFER_SCENARIO);
    expect(resolveTransferScenario({ partyIdType: 'EMAIL', partyId: '46733123455' })).toBe(DEFAULT_TRANSFER_SCENARIO);
  });

  it('maps refund test ids 1–13 and nothing else', () => {
    expect(refundTestScenario('1')?.outcome?.reason).toBe('RESOURCE_NOT_FOUND');
    expect(refundTestScenario('5')?.finalAfter({ settleMs: 1, slowMs: 2, ongoingMs: 3, hangMs: 4 })).toBe(3);
    expect(refundTestScenario('12')?.sync?.code).toBe('SERVICE_UNAVAILABLE');
    expect(refundTestScenario('13')?.outcome?.reason).toBe('COULD_NOT_PERFORM_TRANSACTION');
    expect(refundTestScenario('14')).toBeNull();
    expect(refundTestScenario('01')).toBeNull();
  });

  it('adds the account-holder suffixes after MTN ids', () => {
    expect(accountHolderCase('msisdn', '256772990009')).toEqual({ kind: 'not-active' });
    expect(accountHolderCase('msisdn', '990010')).toEqual({ kind: 'not-found' });
    expect(accountHolderCase('msisdn', '46733123450')).toEqual({ kind: 'not-found' });
    expect(accountHolderCase('email', 'x990009')).toBeNull();
    expect(accountHolderCase('msisdn', '256772990011')).toBeNull();
  });
});

describe('MTN disbursement validation', () => {
  const transfer = { amount: '1', currency: 'EUR', payee: { partyIdType: 'MSISDN', partyId: '46733123450' } };

  it('validates transfers like requests-to-pay, with a payee', () => {
    expect(validateTransfer(transfer)).toEqual({ ok: true, value: transfer });
    expect(validateTransfer({ ...transfer, payee: undefined })).toMatchObject({ ok: false, httpStatus: 400 });
    expect(validateTransfer({ ...transfer, payer: transfer.payee, payee: undefined })).toMatchObject({ ok: false });
    expect(validateTransfer({ ...transfer, payee: { partyIdType: '', partyId: '' } })).toMatchObject({ ok: false, httpStatus: 500 });
    expect(validateTransfer(null)).toMatchObject({ ok: false, httpStatus: 400 });
  });

  it('validates refunds: referenceIdToRefund a UUID v4 or a test id', () => {
    const refund = { amount: '1', currency: 'EUR', referenceIdToRefund: '0f6b4a8e-5f0c-4a51-9a0e-3c1f2b7d9e11' };
    expect(validateRefund(refund)).toEqual({ ok: true, value: refund });
    expect(validateRefund({ ...refund, referenceIdToRefund: '13' })).toMatchObject({ ok: true });
    for (const bad of ['', '0', '14', 'abc', 42, null]) {
      expect(validateRefund({ ...refund, referenceIdToRefund: bad })).toMatchObject({ ok: false, httpStatus: 400 });
    }
    expect(validateRefund({ ...refund, payeeNote: 'x'.repeat(161) })).toMatchObject({ ok: false });
    expect(validateRefund([])).toMatchObject({ ok: false });
  });
});

describe('MtnSettlement', () => {
  function base(amountMinor: bigint, finalAt: number, overrides: Partial<MtnRecordBase> = {}): MtnRecordBase {
    return {
      referenceId: String(Math.random()),
      product: 'disbursement',
      apiUserId: 'u',
      createdAt: 0,
      scenario: DEFAULT_TRANSFER_SCENARIO,
      requestBody: {},
      requestHeaders: {},
      subscriptionKey: 'k',
      targetEnvironment: 'sandbox',
      callbackUrl: null,
      callbackMethod: 'POST',
      amount: String(amountMinor),
      amountMinor,
      currency: 'EUR',
      status: 'PENDING',
      reason: null,
      finalAt,
      decided: null,
      financialTransactionId: '1',
      postCount: 1,
      callbacks: [],
      ...overrides,
    };
  }
  const party = { partyIdType: 'MSISDN', partyId: '1' };

  it('settles in the order the final times came, whatever the order of creation', () => {
    const settlement = new MtnSettlement(new Map([['disbursement:sandbox', 100n]]));
    const late: MtnTransfer = { ...base(80n, 20), kind: 'transfer', payee: party };
    const early: MtnTransfer = { ...base(60n, 10), kind: 'transfer', payee: party };
    settlement.track(late);
    settlement.track(early);
    settlement.settleDue(5);
    expect([early.status, late.status]).toEqual(['PENDING', 'PENDING']);
    settlement.settleDue(30);
    expect([early.status, late.status, late.reason]).toEqual(['SUCCESSFUL', 'FAILED', 'NOT_ENOUGH_FUNDS']);
    expect(settlement.balances.get('disbursement:sandbox')).toBe(40n);
    expect(settlement.pendingCount).toBe(0);
  });

  it('refunds a payment only once it is SUCCESSFUL at the refund’s moment, and never beyond its amount', () => {
    const settlement = new MtnSettlement(new Map([['disbursement:sandbox', 1000n]]));
    const payment: MtnRequestToPay = { ...base(100n, 50, { product: 'collection' }), kind: 'requesttopay', payer: party, refundedMinor: 0n };
    const refundOf = (amountMinor: bigint, finalAt: number): MtnRefund => ({
      ...base(amountMinor, finalAt, { scenario: DEFAULT_REFUND_SCENARIO }),
      kind: 'refund',
      version: 'v1_0',
      referenceIdToRefund: payment.referenceId,
      original: payment,
      payee: party,
    });
    const tooEarly = refundOf(10n, 40);
    const ok = refundOf(70n, 60);
    const over = refundOf(31n, 70);
    for (const record of [payment, tooEarly, ok, over]) settlement.track(record);
    settlement.settleDue(100);
    expect([tooEarly.reason, ok.status, over.reason]).toEqual(['PAYMENT_NOT_APPROVED', 'SUCCESSFUL', 'NOT_ALLOWED']);
    expect(payment.refundedMinor).toBe(70n);
    expect(settlement.balances.get('collection:sandbox')).toBe(100n);
    expect(settlement.balances.get('disbursement:sandbox')).toBe(930n);
  });
});
