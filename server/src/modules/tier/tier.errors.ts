import { defineErrors } from '../../shared/errors';

export const TierErrors = defineErrors({
  TIER_LEVELS_INVALID: { status: 400, 'zh-CN': '等级设置有误,请检查标出的字段', en: 'The tier levels are invalid; see the listed fields' },
  TIER_NOT_FOUND: { status: 404, 'zh-CN': '会员等级不存在', en: 'Tier not found' },
  TIER_IN_USE: { status: 409, 'zh-CN': '等级“{name}”仍有会员,不能删除,可改为停用', en: 'Tier “{name}” still has members; deactivate it instead' },
});
