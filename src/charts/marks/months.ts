/** Short month names the charts print (English; display strings move to the UI files with decision 0005). */
export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** "Oct" for month 10 (1-based). */
export function monthName(month: number): string {
  return MONTHS[(month - 1 + 12) % 12] ?? '';
}
