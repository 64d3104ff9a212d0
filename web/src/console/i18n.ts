// The console's messages: zh-CN is the source of keys; en must translate every one (tsc checks).
import { makeTranslator } from '../i18n/locale';
import { en } from './messages.en';
import { zhCN } from './messages.zh-CN';

export type MsgKey = keyof typeof zhCN;
export const useT = makeTranslator<MsgKey>({ 'zh-CN': zhCN, en });
export type T = ReturnType<typeof useT>;
