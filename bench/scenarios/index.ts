import type { Scenario } from '../lib/scenario';
import { bookingStorm } from './booking-storm';
import { checkinScan } from './checkin-scan';
import { checkout3Lines } from './checkout-3-lines';
import { staffMe } from './staff-me';

/** Every scenario, in the order they run. Add yours here. */
export const SCENARIOS: Scenario[] = [staffMe, checkout3Lines, bookingStorm, checkinScan];
