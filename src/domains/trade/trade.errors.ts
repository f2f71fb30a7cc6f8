/** Errors of purchases and order queries (sandbox codes where the docs give none; docs/decisions.md). */
import { invalidParams, platformError } from '../../core/errors.js'

export const subProductNotForSale = (id: string, pack: string) =>
  platformError(
    'STATE_CONFLICT',
    `product ${id} is a sub-product of combo pack ${pack}; sub-products cannot be sold alone, buy the pack`,
  )
export const notForSale = (id: string, why: string) =>
  platformError('STATE_CONFLICT', `product ${id} cannot be bought: ${why}`)
export const outOfStock = (id: string, avail: number, count: number) =>
  platformError('STATE_CONFLICT', `product ${id} has ${avail} left in stock, ${count} asked`)
export const overLimit = (id: string, limit: number, already: number, count: number) =>
  platformError(
    'STATE_CONFLICT',
    `limit_rule of product ${id} allows ${limit} per user; this open_id has ${already} and asks ${count}`,
  )
export const foreignPoi = (id: string, poi: string, pois: string[]) =>
  invalidParams(
    `poi_id ${JSON.stringify(poi).slice(0, 80)} is not one of the POIs product ${id} is sold at (${pois.join(', ') || 'none'})`,
  )
export const badDiscounts = (detail: string) => invalidParams(detail)
export const unpairedWindow = (start: string, end: string) =>
  invalidParams(`${start} and ${end} go together: give both or neither`)
export const noQueryMode = () =>
  invalidParams(
    'order query needs order_id, or open_id, or order_status, or a create/update time window (the three documented query modes)',
  )
export const noOrder = (id: string) => platformError('NOT_FOUND', `no order ${id} of this tenant`)
