/**
 * The mock's POS tickets: a deterministic set per store, hour by hour. The tickets of a store's
 * hour are a function of (seed, depId, hour) only, so a window is answered with exactly the
 * tickets whose time falls in it (bounds included): the same request gets the same page, two
 * windows that overlap agree on the tickets they share, and one long range split into hours gives
 * the same tickets as the hours asked one by one.
 */
import { seeded } from '../behaviour.js';

export interface Ticket {
  ticketId: string;
  depId: number;
  shopId: string;
  machineId: string;
  cashierId: string;
  cashierName: string;
  guideId?: string;
  guideName?: string;
  ticketTime: string;
  totalAmount: number;
  payAmount: number;
  discountAmount: number;
  goods: Array<{ goodsCode: string; goodsName: string; quantity: number; price: number; amount: number }>;
}

const HOUR_MS = 3_600_000;
/** At most this many tickets in one store-hour (0 to 40, about 20 on average): pages of 100 and of a few both occur. */
const MAX_PER_HOUR = 40;

const CATALOGUE = [
  ['G100', 'Latte', 2825],
  ['G101', 'Americano', 2200],
  ['G102', 'Green tea', 1600],
  ['G200', 'Croissant', 1800],
  ['G201', 'Bagel', 1500],
  ['G300', 'Sandwich', 3200],
] as const;
const CASHIERS = [
  ['C007', 'Li Na'],
  ['C008', 'Wang Wei'],
  ['C009', 'Chen Jing'],
] as const;
const GUIDES = [
  ['G12', 'Zhao Lei'],
  ['G13', 'Sun Mei'],
] as const;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
/** A wall-clock time on the UTC scale as `yyyy-MM-dd HH:mm:ss`. */
export const formatWallClock = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
const yuan = (cents: number) => cents / 100;

/** The tickets of one store-hour (`hourMs`: the hour's start on the wall-clock scale), by time. */
function hourTickets(seed: number, depId: number, hourMs: number): Ticket[] {
  const stamp = formatWallClock(hourMs);
  const random = seeded(seed, `ovopark|${depId}|${stamp}`);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const count = Math.floor(random() * (MAX_PER_HOUR + 1));
  const seconds = Array.from({ length: count }, () => Math.floor(random() * 3600)).sort((a, b) => a - b);
  return seconds.map((second, i) => {
    const time = hourMs + second * 1000;
    const goods = Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
      const [goodsCode, goodsName, price] = pick(CATALOGUE);
      const quantity = 1 + Math.floor(random() * 3);
      return { goodsCode, goodsName, quantity, price: yuan(price), amount: yuan(price * quantity) };
    });
    const total = goods.reduce((sum, g) => sum + Math.round(g.amount * 100), 0);
    const discount = random() < 0.3 ? Math.round(total * 0.1) : 0;
    const [cashierId, cashierName] = pick(CASHIERS);
    const guide = random() < 0.5 ? pick(GUIDES) : undefined;
    const d = new Date(time);
    return {
      ticketId: `T${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(i + 1, 3)}`,
      depId,
      shopId: `SH-${depId}`,
      machineId: `POS-0${1 + Math.floor(random() * 3)}`,
      cashierId,
      cashierName,
      ...(guide ? { guideId: guide[0], guideName: guide[1] } : {}),
      ticketTime: formatWallClock(time),
      totalAmount: yuan(total),
      payAmount: yuan(total - discount),
      discountAmount: yuan(discount),
      goods,
    };
  });
}

/** Every ticket of `depId` from `fromMs` to `toMs` (wall-clock scale, both included), by time. */
export function ticketsBetween(seed: number, depId: number, fromMs: number, toMs: number): Ticket[] {
  const out: Ticket[] = [];
  for (let hour = Math.floor(fromMs / HOUR_MS) * HOUR_MS; hour <= toMs; hour += HOUR_MS) {
    for (const ticket of hourTickets(seed, depId, hour)) {
      const t = Date.parse(`${ticket.ticketTime.replace(' ', 'T')}Z`);
      if (t >= fromMs && t <= toMs) out.push(ticket);
    }
  }
  return out;
}
