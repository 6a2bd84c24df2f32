import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PROVIDER_IDS, ProviderId } from '../../provider.port';

export class CreateProviderAccountDto {
  @ApiProperty({ enum: PROVIDER_IDS }) @IsIn(PROVIDER_IDS) provider: ProviderId;
  @ApiProperty({ example: 'MTN Uganda production' }) @IsString() @MaxLength(100) @Matches(/\S/) name: string;
  @ApiProperty({ enum: ['sandbox', 'production'] }) @IsIn(['sandbox', 'production']) environment: 'sandbox' | 'production';
  @ApiProperty({ example: 'https://proxy.momoapi.mtn.com' })
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'baseUrl must be an http(s) URL' })
  @MaxLength(512)
  baseUrl: string;
  @ApiProperty({ example: ['UG'] })
  @ArrayMinSize(1)
  @ArrayMaxSize(60)
  @Matches(/^[A-Z]{2}$/, { each: true, message: 'countries must be ISO alpha-2 codes such as "UG"' })
  countries: string[];
  @ApiProperty({ example: ['UGX'] })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @Matches(/^[A-Z]{3}$/, { each: true, message: 'currencies must be ISO 4217 codes such as "UGX"' })
  currencies: string[];
  @ApiPropertyOptional({ default: 100, description: 'Lower is preferred among accounts serving the same route' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100000)
  priority?: number;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() active?: boolean;
  @ApiPropertyOptional({
    example: { targetEnvironment: 'mtnuganda', callbackHost: 'payments.example.com', refundVersion: 'v1', timeoutMs: 30000 },
    description: 'Provider-specific, non-secret settings (callback settings included)',
  })
  @IsOptional()
  @IsObject()
  settings?: Record<string, unknown>;
  @ApiProperty({
    example: { subscriptionKey: '…', apiUser: '…', apiKey: '…' },
    description: 'Write-only: stored encrypted, never returned. On PATCH, given fields replace stored ones; an empty string removes one.',
    writeOnly: true,
  })
  @IsObject()
  credentials: Record<string, string>;
}

export class UpdateProviderAccountDto extends PartialType(CreateProviderAccountDto) {}

export class ProviderAccountDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: PROVIDER_IDS }) provider: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['sandbox', 'production'] }) environment: string;
  @ApiProperty() baseUrl: string;
  @ApiProperty({ type: [String] }) countries: string[];
  @ApiProperty({ type: [String] }) currencies: string[];
  @ApiProperty() priority: number;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: 'object', additionalProperties: true }) settings: Record<string, unknown>;
  @ApiProperty({ type: [String], description: 'Names of the credentials that are set (never their values)' }) credentialsSet: string[];
  @ApiProperty({ enum: ['env', 'api'] }) source: string;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: "This account's callback URL, for operators whose callback URL is set once in their portal (Airtel): register it there. Keep it secret.",
  })
  callbackUrl: string | null;
  @ApiPropertyOptional({
    description: "Where the operator sends customer-initiated payments (Daraja C2B): registered by POST .../{id}/customer-payments/register. Keep them secret.",
    example: { validationUrl: 'https://pay.example/v1/webhooks/c2b/9f…/validation', confirmationUrl: 'https://pay.example/v1/webhooks/c2b/9f…/confirmation' },
  })
  customerPaymentUrls?: { validationUrl: string; confirmationUrl: string } | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}
