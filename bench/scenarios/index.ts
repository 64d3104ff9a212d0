import type { Scenario } from '../lib/scenario';
import { bookingStorm } from './booking-storm';
import { checkinScan } from './checkin-scan';
import { checkout3Lines } from './checkout-3-lines';
import { checkoutStoredValue } from './checkout-stored-value';
import { memberImport } from './member-import';
import { memberSearch } from './member-search';
import { staffMe } from './staff-me';

/** Every scenario, in the order they run. Add yours here. */
export const SCENARIOS: Scenario[] = [staffMe, memberSearch, memberImport, checkoutStoredValue, checkout3Lines, bookingStorm, checkinScan];
