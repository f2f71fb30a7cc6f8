/**
 * Request and answer types of each operation, inferred from its zod contract: the input is the route's path
 * parameters, query and JSON body in one object; the answer is the success member of the envelope's `data`.
 */
import type { z } from 'zod'
import type { Strict } from '../core/strict.js'
import type { OperationId, Operations } from './operations.js'

export type { Strict }

type Flatten<T> = { [K in keyof T]: T[K] }
type Schema<S> = S extends z.ZodType ? S : never
/** Query values are strings on the wire; the client also takes numbers and booleans and writes them as text. */
type QueryValues<T> = { [K in keyof T]: T[K] extends string | undefined ? T[K] | number | boolean : T[K] }

type BodyOf<R> = R extends { request: { body: { content: { 'application/json': { schema: infer S } } } } }
  ? z.input<Schema<S>>
  : unknown
type QueryOf<R> = R extends { request: { query: infer S } } ? QueryValues<z.input<Schema<S>>> : unknown
type ParamsOf<R> = R extends { request: { params: infer S } } ? z.input<Schema<S>> : unknown
type DataOf<R> = R extends { responses: { 200: { content: { 'application/json': { schema: infer S } } } } }
  ? z.output<Schema<S>> extends infer E
    ? E extends { data: infer D }
      ? D
      : never
    : never
  : never
/** Drops the error member of the `data` union: its `error_code` is any number, the success one's is 0. */
type SuccessOf<D> = D extends { error_code: infer E } ? (number extends E ? never : D) : D

/** What `call(id, input)` takes for operation `Id`. */
export type OperationInput<Id extends OperationId> = Strict<
  Flatten<ParamsOf<Operations[Id]> & QueryOf<Operations[Id]> & BodyOf<Operations[Id]>>
>
/** What `call(id, …)` resolves with for operation `Id`: the envelope's `data` on success (`error_code` 0). */
export type OperationOutput<Id extends OperationId> = SuccessOf<DataOf<Operations[Id]>>
/** The arguments after the operation id: the input, optional when every field of it is. */
export type InputArgs<Id extends OperationId> =
  Record<never, never> extends OperationInput<Id> ? [input?: OperationInput<Id>] : [input: OperationInput<Id>]
