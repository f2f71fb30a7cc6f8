/**
 * Links the content schemas to where they travel as JSON strings (JSON Schema `contentMediaType` +
 * `contentSchema`): each webhook's `content` and a combo pack's `attr_key_value_map.combination_rule`. Webhooks
 * are calls the sandbox makes, so they carry no security of ours (the receiver checks X-Douyin-Signature).
 */
import type { OpenAPIObject, OperationObject, ParameterObject } from 'openapi3-ts/oas31'

const REF = '#/components/schemas/'
const HEADERS: Record<string, string> = {
  'msg-id':
    'the same for the same action on the same entity (同一实体下同一action的msg_id相同): kept by every retry and redelivery, so a receiver may de-duplicate on it',
  'x-douyin-signature': 'lowercase hex SHA-1 of client_secret + the raw body',
}

const jsonString = (component: string, description: string) => ({
  type: 'string',
  description,
  contentMediaType: 'application/json',
  contentSchema: { $ref: REF + component },
})

/** Applies the above to `doc` in place. */
export function linkContentSchemas(doc: OpenAPIObject): void {
  for (const [name, item] of Object.entries(doc.webhooks ?? {})) {
    const op = (item as { post?: OperationObject }).post
    if (!op) continue
    op.security = []
    for (const p of (op.parameters ?? []) as ParameterObject[]) p.description ??= HEADERS[p.name]
    const component = `${name.replace(/(^|_)(\w)/g, (_m, _s, ch: string) => ch.toUpperCase())}Content`
    const media = (op.requestBody as { content: Record<string, { schema: unknown }> } | undefined)?.content[
      'application/json'
    ]
    if (!media || !doc.components?.schemas?.[component]) continue
    media.schema = {
      allOf: [media.schema, { properties: { content: jsonString(component, `the JSON text of ${component}`) } }],
    }
  }
  type Obj = { properties?: Record<string, Obj | object> }
  const save = doc.components?.schemas?.ProductSaveRequest as Obj | undefined
  const product = save?.properties?.product as Obj | undefined
  const attrs = product?.properties?.attr_key_value_map as Obj | undefined
  if (attrs && doc.components?.schemas?.CombinationRule) {
    attrs.properties = {
      ...attrs.properties,
      combination_rule: jsonString('CombinationRule', '组套规则 of a combo pack (product_form_type 2), as JSON text'),
    }
  }
}
