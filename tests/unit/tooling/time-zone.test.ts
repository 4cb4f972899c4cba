/** The time zone is pinned by vitest.config.ts, whatever the shell says (run with TZ=Asia/Almaty to see). */
import { expect, it } from 'vitest';

it('runs in UTC', () => {
  expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe('UTC');
  expect(new Date(Date.UTC(2022, 0, 5, 0, 30)).getHours()).toBe(0);
});
