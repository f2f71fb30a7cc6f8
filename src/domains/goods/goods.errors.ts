/** Errors of the goods domain. */
import { invalidParams } from '../../core/errors.js'

export const unknownCategory = (id: number) => invalidParams(`category_id ${id} is not a category (GET /goodlife/v1/goods/category/get/ lists them)`)
