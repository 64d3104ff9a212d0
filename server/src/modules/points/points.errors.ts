import { defineErrors } from '../../shared/errors';

export const PointsErrors = defineErrors({
  POINTS_INSUFFICIENT: { status: 409, 'zh-CN': '积分不足:可用 {available},需要 {required}', en: 'Not enough points: {available} available, {required} needed' },
  POINTS_ADJUSTMENT_EMPTY: { status: 400, 'zh-CN': '调整积分不能为 0', en: 'An adjustment needs a non-zero number of points' },
  POINTS_OVER_CAP: { status: 400, 'zh-CN': '本单最多可用 {maxPoints} 积分', en: 'At most {maxPoints} points can be used on this order' },
  POINTS_STEP: { status: 400, 'zh-CN': '积分须按 {step} 的整数倍使用', en: 'Points must be used in multiples of {step}' },
});
