import { ValueTransformer } from 'typeorm';

/** bigint columns come back from pg as strings; money in minor units is a JS bigint, never a number. */
export const bigintTransformer: ValueTransformer = {
  to: (value: bigint | null | undefined) => (value === null || value === undefined ? value : value.toString()),
  from: (value: string | null) => (value === null ? null : BigInt(value)),
};
