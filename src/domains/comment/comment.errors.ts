/** Errors of the review domain (akte/comment/*, POST /sandbox/comments). */
import { invalidParams, platformError } from '../../core/errors.js'

export const commentNotFound = (rateId: string, poiId: string) =>
  platformError('NOT_FOUND', `rate_id: ${rateId} is not a review of POI ${poiId} (akte/comment/query lists them)`)

export const alreadyReplied = (rateId: string) =>
  platformError(
    'STATE_CONFLICT',
    `rate_id: review ${rateId} already has the merchant's reply; a review takes one reply (akte/comment/query shows it in reply_list)`,
  )

export const notOurPoi = (field: string, poiId: string) =>
  invalidParams(`${field}: ${poiId} is not a POI of this account`)

export const certNotVerified = (certificateId: string) =>
  platformError(
    'STATE_CONFLICT',
    `certificate_id: coupon ${certificateId} is not verified; a consumer reviews a coupon once it was used (or write a free review without certificate_id)`,
  )

export const certAlreadyReviewed = (certificateId: string, rateId: string) =>
  platformError('STATE_CONFLICT', `certificate_id: coupon ${certificateId} was already reviewed (rate_id ${rateId})`)

export const certNotFound = (certificateId: string) =>
  platformError('NOT_FOUND', `certificate_id: no coupon ${certificateId} in this tenant`)

export const poiMismatch = (poiId: string, certificateId: string, usedAt: string) =>
  invalidParams(`poi_id: coupon ${certificateId} was used at POI ${usedAt}, not ${poiId} (leave poi_id out to take it)`)

export const productNotOurs = (productId: string) =>
  invalidParams(`product_id: ${productId} is not a product of this account`)
