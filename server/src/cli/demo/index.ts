import { seedCardsDemo } from './cards';
import { seedClassesDemo } from './classes';
import type { DemoSeeder } from './context';
import { seedMembersDemo } from './members';
import { seedMoneyDemo } from './money';
import { seedRetailDemo } from './retail';

export type { DemoContext, DemoSeeder } from './context';

/** Demo seeders, in order. Each module adds one line (and one file beside this one). */
export const demoSeeders: DemoSeeder[] = [seedMembersDemo, seedMoneyDemo, seedRetailDemo, seedCardsDemo, seedClassesDemo];
