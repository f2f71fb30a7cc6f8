/** Errors of the tenancy control plane. */
import { invalidParams, platformError } from '../core/errors.js'

export const unknownTenant = (key: string) =>
  platformError(
    'NOT_FOUND',
    `no tenant with client_key "${key}" (header x-sandbox-client-key); GET /sandbox/tenants lists them`,
  )

export const defaultTenantKept = (key: string) =>
  platformError(
    'STATE_CONFLICT',
    `"${key}" is the default tenant and cannot be deleted; POST /sandbox/reset empties it`,
  )

export const clientKeyTaken = (key: string) => invalidParams(`client_key: "${key}" is already a tenant`)
