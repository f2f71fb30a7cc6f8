/**
 * The goods catalogue: categories (fixtures/categories.json, douyin-api.md §2.1) and templates per
 * (product_type, category) (fixtures/templates.json, seeds 003/004).
 */
import type { Category, Template } from '../../fixtures.js'
import type { CategoryTreeInfo } from './goods.contract.js'
import { noTemplate, unknownCategory } from './goods.errors.js'
import type { TemplateAttr } from './goods.attrs.js'

/** Level-1 category of food (美食); combo packs and every template live under it. */
export const FOOD_ROOT = 1000000
/** Product types a combo pack may have (seed 000): 团购, 代金券, 次卡. */
export const PACK_PRODUCT_TYPES = [1, 11, 15] as const

/** 组套规则, the combo-pack attribute (design.md "Combo pack on the wire"; the public docs name no key). */
export const COMBINATION_RULE_ATTR: TemplateAttr = {
  key: 'combination_rule',
  name: '组套规则',
  desc: '组合券包 (product_form_type 2) 必填, 普通商品不可填. JSON: {"refund_mode":1|2,"items":[{"item_type":1|11|101|102|201,"name","actual_amount","origin_amount","out_sub_id"?,"discount"?,"threshold_amount"?,"reduction_amount"?}]}',
  is_required: false,
  is_multi: false,
  value_type: 'COMBINATION_RULE',
  value_demo:
    '{"refund_mode":1,"items":[{"item_type":1,"name":"咖啡券","actual_amount":1500,"origin_amount":2000,"out_sub_id":"POS-COFFEE"}]}',
}

export class CatalogService {
  private readonly byId: Map<number, Category>

  constructor(
    private readonly categories: readonly Category[],
    private readonly templates: readonly Template[],
  ) {
    this.byId = new Map(categories.map((c) => [c.category_id, c]))
  }

  private children(parentId: number): Category[] {
    return this.categories.filter((c) => c.parent_id === parentId)
  }

  private tree(parentId: number): CategoryTreeInfo[] {
    return this.children(parentId).map((c) => ({ ...c, sub_tree_infos: this.tree(c.category_id) }))
  }

  /** Direct children of `categoryId` (0 = the level-1 categories), flat and as a tree when asked. */
  getCategories(
    categoryId: number,
    asTree: boolean,
  ): { category_infos: Category[]; category_tree_infos: CategoryTreeInfo[] } {
    if (categoryId !== 0 && !this.byId.has(categoryId)) throw unknownCategory(categoryId)
    return {
      category_infos: asTree ? [] : this.children(categoryId),
      category_tree_infos: asTree ? this.tree(categoryId) : [],
    }
  }

  /** The category or an error naming it. */
  category(categoryId: number): Category {
    const c = this.byId.get(categoryId)
    if (!c) throw unknownCategory(categoryId)
    return c
  }

  /** "美食·地方菜·北京菜" */
  fullName(categoryId: number): string {
    const names: string[] = []
    for (let c = this.byId.get(categoryId); c; c = this.byId.get(c.parent_id)) names.unshift(c.name)
    return names.join('·')
  }

  /** True when the category lies under 美食. */
  isFood(categoryId: number): boolean {
    let c = this.byId.get(categoryId)
    while (c && c.parent_id !== 0) c = this.byId.get(c.parent_id)
    return c?.category_id === FOOD_ROOT
  }

  /** The template of a (product_type, level-3 food category), with the combo-pack attribute for pack types. */
  template(productType: number, categoryId: number): { product_attrs: TemplateAttr[]; sku_attrs: TemplateAttr[] } {
    const c = this.category(categoryId)
    if (!c.is_leaf) throw noTemplate(productType, categoryId, `${this.fullName(categoryId)} is not a level-3 category`)
    if (!this.isFood(categoryId))
      throw noTemplate(
        productType,
        categoryId,
        `the sandbox has templates for food (美食) categories only, and ${this.fullName(categoryId)} is not one`,
      )
    const t = this.templates.find((x) => x.product_type === productType)
    if (!t) {
      const known = this.templates.map((x) => x.product_type).join(', ')
      throw noTemplate(productType, categoryId, `food categories have templates for product_type ${known}`)
    }
    const packAttr = (PACK_PRODUCT_TYPES as readonly number[]).includes(productType) ? [COMBINATION_RULE_ATTR] : []
    return { product_attrs: [...t.product_attrs, ...packAttr], sku_attrs: [...t.sku_attrs] }
  }
}
