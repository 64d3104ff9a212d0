// Each console feature keeps its messages beside its pages (web/src/console/<feature>/messages.ts,
// exporting a zh-CN dictionary and an English one typed `Record<keyof typeof zh, string>`, so
// tsc fails when a translation is missing). They are gathered here, one line per feature.
import { attendanceEn, attendanceZh } from './attendance/messages';
import { cardsEn, cardsZh } from './cards/messages';
import { cashierEn, cashierZh } from './cashier/messages';
import { kioskEn, kioskZh } from './classes/kiosk.messages';
import { classesEn, classesZh } from './classes/messages';
import { teacherEn, teacherZh } from './classes/teacher.messages';
import { appointmentsEn, appointmentsZh } from './appointments/messages';
import { leadsEn, leadsZh } from './leads/messages';
import { membersEn, membersZh } from './members/messages';
import { productsEn, productsZh } from './products/messages';
import { shiftsEn, shiftsZh } from './shifts/messages';
import { stockEn, stockZh } from './stock/messages';
import { walletEn, walletZh } from './wallet/messages';

export const featureZh = { ...membersZh, ...leadsZh, ...cashierZh, ...productsZh, ...stockZh, ...shiftsZh, ...walletZh, ...cardsZh, ...attendanceZh, ...classesZh, ...teacherZh, ...appointmentsZh, ...kioskZh };
export const featureEn: Record<keyof typeof featureZh, string> = { ...membersEn, ...leadsEn, ...cashierEn, ...productsEn, ...stockEn, ...shiftsEn, ...walletEn, ...cardsEn, ...attendanceEn, ...classesEn, ...teacherEn, ...appointmentsEn, ...kioskEn };
