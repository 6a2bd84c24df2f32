// The operators the sandbox emulates. Adding one: create sandbox/<id>/ exporting a SandboxOperator
// (see core/operator.ts and mtn-momo/ for the shape) and add it to this list.
import type { SandboxOperator } from './core/operator';
import { airtelMoneyOperator } from './airtel-money/airtel-money.sandbox';
import { mpesaDarajaOperator } from './mpesa-daraja/mpesa-daraja.sandbox';
import { mpesaVodacomOperator } from './mpesa-vodacom/mpesa-vodacom.sandbox';
import { mtnMomoOperator } from './mtn-momo/mtn-momo.sandbox';
import { orangeMoneyOperator } from './orange-money/orange-money.sandbox';

export const SANDBOX_OPERATORS: readonly SandboxOperator[] = [mtnMomoOperator, airtelMoneyOperator, mpesaDarajaOperator, orangeMoneyOperator, mpesaVodacomOperator];
