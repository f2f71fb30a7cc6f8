/**
 * Checks an attr_key_value_map against a template (seed 003 "attr_key_value_map的格式"): required keys,
 * keys the template does not know, and each value parsed by its value_type.
 */
import { parseAttrValue, type TemplateAttr } from './goods.attrs.js'

const MAX_PROBLEMS = 8

/**
 * Problems of one map, each naming `<where>.<key>`; unknown keys are dropped from `kept` when `strict` is
 * false. `skip` names keys checked elsewhere (combination_rule).
 */
export function checkAttrs(
  where: string,
  map: Record<string, unknown>,
  attrs: readonly TemplateAttr[],
  strict: boolean,
  skip: readonly string[] = [],
): { problems: string[]; kept: Record<string, string> } {
  const problems: string[] = []
  const kept: Record<string, string> = {}
  const byKey = new Map(attrs.map((a) => [a.key, a]))
  const unknown = Object.keys(map).filter((k) => !byKey.has(k))
  if (unknown.length > 0 && strict) {
    problems.push(
      `${where} has keys the template cannot recognise: ${unknown.join(', ')} (GET /goodlife/v1/goods/template/get/ lists the keys; tenant setting strict_attrs=false ignores unknown keys)`,
    )
  }
  for (const attr of attrs) {
    const raw = map[attr.key]
    if (raw === undefined || raw === '') {
      if (attr.is_required) problems.push(`${where}.${attr.key} (${attr.name}) is required`)
      continue
    }
    if (skip.includes(attr.key)) {
      if (typeof raw === 'string') kept[attr.key] = raw
      else problems.push(`${where}.${attr.key} must be a string`)
      continue
    }
    const r = parseAttrValue(attr, raw)
    if (r.ok) kept[attr.key] = raw as string
    else problems.push(`${where}.${attr.key} (${attr.value_type}${attr.is_multi ? ' list' : ''}) ${r.problem}`)
  }
  return {
    problems: problems
      .slice(0, MAX_PROBLEMS)
      .concat(problems.length > MAX_PROBLEMS ? [`and ${problems.length - MAX_PROBLEMS} more`] : []),
    kept,
  }
}

/** origin_amount from 菜品搭配 (COMMODITY): per group, the `option_count` dearest items × their count. */
export function originFromCommodity(raw: string | undefined): number | undefined {
  if (!raw) return undefined
  try {
    const groups = JSON.parse(raw) as Array<{
      option_count?: number
      item_list?: Array<{ price?: number; count?: number }>
    }>
    let total = 0
    for (const g of groups) {
      const items = (g.item_list ?? []).map((i) => (i.price ?? 0) * (i.count ?? 1)).sort((a, b) => b - a)
      total += items.slice(0, g.option_count ?? items.length).reduce((s, v) => s + v, 0)
    }
    return total
  } catch {
    return undefined
  }
}
