import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, IsString, IsUrl, Matches, MaxLength, registerDecorator, ValidationOptions } from 'class-validator';
import { PROVIDER_IDS, ProviderId } from '../../providers/provider.port';

const METADATA_MAX_BYTES = 8 * 1024;

function MaxJsonBytes(max: number, options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'maxJsonBytes',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be at most ${max} bytes of JSON`, ...options },
      validator: { validate: (value: unknown) => Buffer.byteLength(JSON.stringify(value) ?? '') <= max },
    });
}

/** Body of POST /v1/collections (and, next, /v1/disbursements). */
export class CreatePaymentDto {
  @ApiProperty({ example: '1500', description: 'Decimal string in major units; no more decimals than the currency allows (UGX 0, KES 2)' })
  @IsString({ message: 'amount must be a decimal string such as "1500" or "12.50", not a JSON number' })
  @MaxLength(32, { message: 'amount is too long' })
  amount: string;

  @ApiProperty({ example: 'UGX', description: 'ISO 4217 code' })
  @IsString({ message: 'currency must be an ISO 4217 code such as "UGX"' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as "UGX"' })
  currency: string;

  @ApiProperty({ example: '0772123456', description: 'Mobile number in local or international form; returned as E.164 digits without +' })
  @IsString({ message: 'phoneNumber must be a string' })
  @MaxLength(32, { message: 'phoneNumber is too long' })
  phoneNumber: string;

  @ApiPropertyOptional({ example: 'UG', description: 'ISO 3166-1 alpha-2; may be omitted when phoneNumber is international' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as "UG"' })
  country?: string;

  @ApiPropertyOptional({ enum: PROVIDER_IDS, description: 'Omit to select from country, currency and the number prefix' })
  @IsOptional()
  @IsIn(PROVIDER_IDS, { message: `provider must be one of ${PROVIDER_IDS.join(', ')}` })
  provider?: ProviderId;

  @ApiPropertyOptional({ example: 'ORDER-1042', maxLength: 64, description: "The merchant's own id" })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  reference?: string;

  @ApiPropertyOptional({ example: 'Order 1042', maxLength: 255 })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  description?: string;

  @ApiPropertyOptional({ example: { orderId: 1042 }, description: 'Free JSON object, at most 8 KB' })
  @IsOptional()
  @IsObject({ message: 'metadata must be a JSON object' })
  @MaxJsonBytes(METADATA_MAX_BYTES)
  metadata?: Record<string, unknown>;

  @ApiPropertyOptional({ example: 'https://shop.example/hooks/payments', description: 'Where Malipo POSTs the terminal event' })
  @IsOptional()
  @MaxLength(2048)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'callbackUrl must be an http(s) URL' })
  callbackUrl?: string;

  @ApiPropertyOptional({
    example: 'https://shop.example/orders/1042/paid',
    description: "Where the customer's browser returns after paying on the operator's page. Required by providers that redirect (Orange Money); ignored by others",
  })
  @IsOptional()
  @MaxLength(2048)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'returnUrl must be an http(s) URL' })
  returnUrl?: string;

  @ApiPropertyOptional({
    example: 'https://shop.example/orders/1042/cancelled',
    description: "Where the customer's browser returns after cancelling on the operator's page. Required with returnUrl by providers that redirect",
  })
  @IsOptional()
  @MaxLength(2048)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'cancelUrl must be an http(s) URL' })
  cancelUrl?: string;
}
