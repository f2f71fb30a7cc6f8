/** Goods rules. Categories come from fixtures/categories.json (douyin-api.md §2.1). */
import type { Category } from '../../fixtures.js'
import type { CategoryTreeInfo } from './goods.contract.js'
import { unknownCategory } from './goods.errors.js'

export class GoodsService {
  constructor(private readonly categories: readonly Category[]) {}

  private children(parentId: number): Category[] {
    return this.categories.filter((c) => c.parent_id === parentId)
  }

  private tree(parentId: number): CategoryTreeInfo[] {
    return this.children(parentId).map((c) => ({ ...c, sub_tree_infos: this.tree(c.category_id) }))
  }

  /** Direct children of `categoryId` (0 = the level-1 categories), flat and as a tree when asked. */
  getCategories(categoryId: number, asTree: boolean): { category_infos: Category[]; category_tree_infos: CategoryTreeInfo[] } {
    if (categoryId !== 0 && !this.categories.some((c) => c.category_id === categoryId)) throw unknownCategory(categoryId)
    return {
      category_infos: asTree ? [] : this.children(categoryId),
      category_tree_infos: asTree ? this.tree(categoryId) : [],
    }
  }
}
