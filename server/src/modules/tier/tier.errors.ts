import { defineErrors } from '../../shared/errors';
import type { Localized } from '../../shared/i18n';
import type { LevelProblem } from './tier.rules';

export const TierErrors = defineErrors({
  TIER_LEVELS_INVALID: { status: 400, 'zh-CN': '等级设置有误,请检查标出的字段', en: 'The tier levels are invalid; see the listed fields' },
  TIER_NOT_FOUND: { status: 404, 'zh-CN': '会员等级不存在', en: 'Tier not found' },
  TIER_IN_USE: { status: 409, 'zh-CN': '等级“{name}”仍有会员,不能删除,可改为停用', en: 'Tier “{name}” still has members; deactivate it instead' },
});

/** What each level problem says on its field (the details of TIER_LEVELS_INVALID). */
export const LEVEL_PROBLEM_TEXT: Record<LevelProblem['code'], Localized> = {
  DUPLICATE_NAME: { 'zh-CN': '等级名称重复', en: 'Another level has this name' },
  DUPLICATE_RANK: { 'zh-CN': '等级序号重复', en: 'Another level has this rank' },
  THRESHOLD_NOT_RISING: { 'zh-CN': '门槛须高于所有更低等级的门槛', en: 'The threshold must be above every lower level’s threshold' },
  RETENTION_ABOVE_THRESHOLD: { 'zh-CN': '保级门槛不能高于升级门槛', en: 'The retention threshold cannot exceed the threshold' },
  NEGATIVE: { 'zh-CN': '不能为负数', en: 'Must not be negative' },
};
