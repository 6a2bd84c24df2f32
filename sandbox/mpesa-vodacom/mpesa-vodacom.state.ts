// In-memory store of the Vodacom emulation: the key pair, every transaction (C2B, B2C, reversal) under its
// TransactionID, ConversationID and ThirdPartyReference, the ThirdPartyReferences already used, how many C2B
// calls each ThirdPartyReference got, and the shortcode's balance (MZN, minor units). A C2B becomes final by
// time: settleDue(now) decides every transaction whose time has come (a Completed C2B credits the balance);
// handlers call it before reading, so answers never depend on timers firing.
import type { SandboxOptions } from '../options';
import { conversationId, transactionId } from './mpesa-vodacom.codes';
import { VodacomKeys } from './mpesa-vodacom.keys';

export type VodacomTxType = 'c2b' | 'b2c' | 'reversal';
/** 'Pending' while a C2B is held (the customer has not answered yet); N/A is never produced. */
export type VodacomTxStatus = 'Pending' | 'Completed' | 'Cancelled' | 'Expired' | 'Failed';

export interface VodacomTransaction {
  type: VodacomTxType;
  transactionId: string;
  conversationId: string;
  thirdPartyReference: string;
  transactionReference: string | null;
  msisdn: string | null;
  amountMinor: bigint;
  serviceProviderCode: string;
  scenario: string;
  status: VodacomTxStatus;
  finalStatus: VodacomTxStatus;
  settlesAt: number;
  createdAt: number;
  /** The HTTP answer given: status and INS code (null code: no body), or null while held / never. */
  answer: { httpStatus: number; code: string | null; at: number } | null;
  /** True when the client closed the connection before an answer (it gave up waiting). */
  clientGaveUp: boolean;
  /** How many status queries found it. */
  queries: number;
  reversedMinor: bigint;
  reversalIds: string[];
  /** Reversals: the TransactionID reversed. */
  originalTransactionId: string | null;
}

export type NewTransaction = Omit<VodacomTransaction, 'transactionId' | 'conversationId' | 'status' | 'createdAt' | 'answer' | 'clientGaveUp' | 'queries' | 'reversedMinor' | 'reversalIds'>;

/** "1000000", "150.5", "150.50" → minor units (2 decimals); extra fraction digits are dropped; null if not a positive amount. */
export function parseMzn(text: string, allowZero = false): bigint | null {
  const match = /^(\d{1,15})(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return null;
  const minor = BigInt(match[1]!) * 100n + BigInt(((match[2] ?? '') + '00').slice(0, 2));
  return minor > 0n || allowZero ? minor : null;
}

export function formatMzn(minor: bigint): string {
  const sign = minor < 0n ? '-' : '';
  const abs = minor < 0n ? -minor : minor;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

export class MpesaVodacomState {
  readonly keys = new VodacomKeys();
  readonly publicKeyBase64 = this.keys.publicKeyBase64;
  readonly publicKeyPem = this.keys.publicKeyPem;
  /** Oldest first. */
  readonly transactions: VodacomTransaction[] = [];
  readonly byTransactionId = new Map<string, VodacomTransaction>();
  readonly byConversationId = new Map<string, VodacomTransaction>();
  readonly byThirdPartyReference = new Map<string, VodacomTransaction>();
  /** ThirdPartyReferences of recorded transactions and of status queries: reuse → INS-10. */
  readonly usedReferences = new Set<string>();
  /** C2B calls per input_ThirdPartyReference (refused ones included), for tests: did the gateway retry? */
  readonly c2bCalls = new Map<string, number>();
  balanceMinor: bigint;
  private readonly unsettled = new Set<VodacomTransaction>();

  constructor(readonly options: SandboxOptions) {
    this.balanceMinor = parseMzn(options.vodacomBalance, true) ?? 0n;
  }

  countC2bCall(thirdPartyReference: string): void {
    this.c2bCalls.set(thirdPartyReference, (this.c2bCalls.get(thirdPartyReference) ?? 0) + 1);
  }

  record(input: NewTransaction, now = Date.now()): VodacomTransaction {
    let id = transactionId();
    while (this.byTransactionId.has(id)) id = transactionId();
    const tx: VodacomTransaction = {
      ...input,
      transactionId: id,
      conversationId: conversationId(),
      status: 'Pending',
      createdAt: now,
      answer: null,
      clientGaveUp: false,
      queries: 0,
      reversedMinor: 0n,
      reversalIds: [],
    };
    this.transactions.push(tx);
    this.byTransactionId.set(tx.transactionId, tx);
    this.byConversationId.set(tx.conversationId, tx);
    this.byThirdPartyReference.set(tx.thirdPartyReference, tx);
    this.usedReferences.add(tx.thirdPartyReference);
    this.unsettled.add(tx);
    this.settleDue(now);
    return tx;
  }

  /** By TransactionID, ConversationID or ThirdPartyReference (what input_QueryReference may be, §2.5). */
  find(reference: string): VodacomTransaction | undefined {
    this.settleDue();
    return this.byTransactionId.get(reference) ?? this.byConversationId.get(reference) ?? this.byThirdPartyReference.get(reference);
  }

  /** Makes every transaction whose time has come final; a Completed C2B credits the shortcode. */
  settleDue(now = Date.now()): void {
    for (const tx of this.unsettled) {
      if (now < tx.settlesAt) continue;
      tx.status = tx.finalStatus;
      if (tx.type === 'c2b' && tx.status === 'Completed') this.balanceMinor += tx.amountMinor;
      this.unsettled.delete(tx);
    }
  }
}
