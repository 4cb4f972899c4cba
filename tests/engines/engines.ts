/**
 * The browsers of the cross-engine suite, behind one small interface (open a tab at a size, with or
 * without JavaScript; run a function in the page; press keys; take a screenshot).
 *
 * - Firefox: Debian's firefox-esr driven by puppeteer-core over WebDriver BiDi ($FIREFOX_PATH, else
 *   /usr/bin/firefox-esr, /usr/bin/firefox). JavaScript off: the `javascript.enabled` pref.
 * - WebKit: WebKitGTK's MiniBrowser driven by WebKitWebDriver ($WEBKIT_DRIVER_PATH, else
 *   /usr/bin/WebKitWebDriver; MiniBrowser from $WEBKIT_BROWSER_PATH or next to the WebKitGTK
 *   libraries) through webdriverio, under xvfb-run when there is no $DISPLAY. JavaScript off:
 *   MiniBrowser's `--enable-javascript=false` (a WebKitSettings switch passed in
 *   `webkitgtk:browserOptions.args`).
 * - Chromium: $CHROMIUM_PATH or /usr/bin/chromium through puppeteer-core (the same checks as a baseline).
 * - Where Playwright's own Firefox/WebKit builds are installed (or ENGINES_PLAYWRIGHT=1), they are
 *   used instead of the Debian ones.
 * A browser that cannot be found is an error with the variable to set, never a skipped engine.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';

export interface Size {
  name: 'phone' | 'desktop';
  width: number;
  height: number;
}

export interface Tab {
  /** Width and height of the layout viewport the page really got. */
  viewport(): Promise<{ width: number; height: number }>;
  goto(url: string): Promise<void>;
  eval<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T>;
  /** Runs fn inside the first iframe matching selector (another origin allowed). */
  evalInFrame<T>(selector: string, fn: (...args: any[]) => T | Promise<T>): Promise<T>;
  press(key: 'Tab' | 'Escape' | 'Home' | 'ArrowRight'): Promise<void>;
  screenshot(path: string): Promise<void>;
  /** Errors the engine itself reported (console, uncaught), where its driver exposes them. */
  engineErrors(): string[];
  close(): Promise<void>;
}

export interface Engine {
  name: string;
  /** What runs, for the log: binary and driver. */
  description: string;
  open(size: Size, js: boolean): Promise<Tab>;
  /** Whether a page size can be set exactly (WebKitGTK windows have a minimum width). */
  close(): Promise<void>;
}

const ROOT = typeof process.getuid === 'function' && process.getuid() === 0;

function firstExisting(label: string, env: string, candidates: string[]): string {
  const fromEnv = process.env[env];
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`${label}: ${env}=${fromEnv} does not exist`);
    return fromEnv;
  }
  const found = candidates.find((c) => existsSync(c));
  if (!found)
    throw new Error(
      `${label} not found (looked at ${candidates.join(', ')}). ` +
        `Install it (Debian: apt-get install -y firefox-esr webkit2gtk-driver xvfb) or set ${env}.`,
    );
  return found;
}

async function playwrightBrowser(kind: 'firefox' | 'webkit'): Promise<string | null> {
  try {
    const pw = await import('@playwright/test');
    const path = pw[kind].executablePath();
    return path && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- puppeteer (Firefox, Chromium)

async function puppeteerEngine(kind: 'firefox' | 'chrome', executablePath: string): Promise<Engine> {
  const puppeteer = (await import('puppeteer-core')).default;
  type Browser = Awaited<ReturnType<typeof puppeteer.launch>>;
  const browsers = new Map<boolean, Browser>();
  const launch = async (js: boolean) => {
    let b = browsers.get(js);
    if (b) return b;
    b =
      kind === 'firefox'
        ? await puppeteer.launch({
            browser: 'firefox',
            executablePath,
            headless: true,
            extraPrefsFirefox: {
              'javascript.enabled': js,
              'ui.prefersReducedMotion': 1,
              'general.smoothScroll': false,
              // Overlay scrollbars, as on phones (a classic scrollbar would take 12 px of a 360 px page).
              'widget.gtk.overlay-scrollbars.enabled': true,
              'ui.useOverlayScrollbars': 1,
            },
          })
        : await puppeteer.launch({
            executablePath,
            headless: true,
            args: [
              ...(ROOT ? ['--no-sandbox'] : []),
              '--disable-gpu',
              '--no-first-run',
              '--disable-background-networking',
              '--force-prefers-reduced-motion',
            ],
          });
    browsers.set(js, b);
    return b;
  };
  return {
    name: kind === 'chrome' ? 'chromium' : 'firefox',
    description: `${executablePath} (puppeteer-core${kind === 'firefox' ? ', WebDriver BiDi' : ', CDP'})`,
    async open(size, js) {
      const browser = await launch(js);
      const page = await browser.newPage();
      if (kind === 'chrome' && !js) await page.setJavaScriptEnabled(false);
      await page.setViewport({ width: size.width, height: size.height });
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`console: ${m.text()}`);
      });
      page.on('pageerror', (e) => errors.push(`uncaught: ${String(e)}`));
      return {
        async viewport() {
          return page.evaluate(() => ({ width: innerWidth, height: innerHeight }));
        },
        async goto(url) {
          await page.goto(url, { waitUntil: 'load' });
        },
        eval: (fn, arg) => page.evaluate(fn as any, arg) as any,
        async evalInFrame(selector, fn) {
          const handle = await page.waitForSelector(selector);
          const frame = await handle!.contentFrame();
          if (!frame) throw new Error(`no frame in ${selector}`);
          return frame.evaluate(fn as any) as any;
        },
        press: (key) => page.keyboard.press(key),
        async screenshot(path) {
          await page.screenshot({ path: path as `${string}.png` });
        },
        engineErrors: () => errors,
        close: () => page.close(),
      };
    },
    async close() {
      for (const b of browsers.values()) await b.close().catch(() => {});
    },
  };
}

// ---------------------------------------------------------------- webdriverio (WebKitGTK)

function freePort(): Promise<number> {
  return new Promise((ok) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => ok(p));
    });
  });
}

function miniBrowser(): string {
  const candidates = ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib', '/usr/libexec'].flatMap(
    (dir) =>
      existsSync(dir)
        ? readdirSync(dir)
            .filter((d) => /^webkit2?gtk-/.test(d))
            .sort()
            .reverse()
            .map((d) => `${dir}/${d}/MiniBrowser`)
        : [],
  );
  return firstExisting(
    'WebKitGTK MiniBrowser',
    'WEBKIT_BROWSER_PATH',
    candidates.length ? candidates : ['/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser'],
  );
}

async function webkitEngine(): Promise<Engine> {
  const driverPath = firstExisting('WebKitWebDriver', 'WEBKIT_DRIVER_PATH', ['/usr/bin/WebKitWebDriver']);
  const binary = miniBrowser();
  const port = await freePort();
  const needsX = !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
  if (needsX && !existsSync('/usr/bin/xvfb-run') && !process.env.XVFB_RUN_PATH)
    throw new Error('WebKit needs a display: install xvfb (apt-get install -y xvfb) or set DISPLAY');
  const cmd = needsX
    ? [
        process.env.XVFB_RUN_PATH ?? '/usr/bin/xvfb-run',
        '-a',
        '-s',
        '-screen 0 1600x1200x24',
        driverPath,
        `--port=${port}`,
      ]
    : [driverPath, `--port=${port}`];
  const driver: ChildProcess = spawn(cmd[0]!, cmd.slice(1), { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let driverLog = '';
  driver.stderr?.on('data', (d) => (driverLog = (driverLog + d).slice(-2000)));
  const { remote } = await import('webdriverio');
  // Wait for the driver to listen.
  for (let i = 0; ; i++) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/status`);
      if (r.ok) break;
    } catch {}
    if (i > 100 || driver.exitCode !== null) throw new Error(`WebKitWebDriver did not start: ${driverLog}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const sessions: { deleteSession(): Promise<unknown> }[] = [];
  return {
    name: 'webkit',
    description: `${binary} via ${driverPath} (webdriverio, WebDriver classic${needsX ? ', xvfb-run' : ''})`,
    async open(size, js) {
      const browser = await remote({
        hostname: '127.0.0.1',
        port,
        logLevel: 'silent',
        connectionRetryCount: 1,
        capabilities: {
          browserName: 'MiniBrowser',
          'wdio:enforceWebDriverClassic': true,
          'webkitgtk:browserOptions': { binary, args: ['--automation', ...(js ? [] : ['--enable-javascript=false'])] },
        } as any,
      });
      sessions.push(browser);
      // The window's outer size; the viewport is what is left inside it. Grow the window until the
      // viewport is as asked (MiniBrowser windows have a minimum width of about 447 px).
      await browser.setWindowSize(size.width, size.height);
      const inner = (await browser.execute(() => [innerWidth, innerHeight])) as number[];
      if (inner[0]! < size.width || inner[1]! < size.height)
        await browser.setWindowSize(size.width + (size.width - inner[0]!), size.height + (size.height - inner[1]!));
      return {
        async viewport() {
          const [width, height] = (await browser.execute(() => [innerWidth, innerHeight])) as number[];
          return { width: width!, height: height! };
        },
        async goto(url) {
          // WebKitWebDriver returns once the document is interactive; wait for the load event as the other drivers do.
          await browser.url(url);
          await browser.waitUntil(async () => (await browser.execute(() => document.readyState)) === 'complete', {
            timeout: 30_000,
            interval: 50,
          });
        },
        eval: (fn, arg) => browser.execute(fn as any, arg) as any,
        async evalInFrame(selector, fn) {
          const el = await browser.$(selector);
          await el.waitForExist();
          await browser.switchToFrame(el);
          try {
            return (await browser.execute(fn as any)) as any;
          } finally {
            await browser.switchToParentFrame();
          }
        },
        press: (key) =>
          browser.keys([key === 'Tab' ? '\uE004' : key === 'Escape' ? '\uE00C' : key === 'Home' ? '\uE011' : '\uE014']),
        async screenshot(path) {
          await browser.saveScreenshot(path);
        },
        engineErrors: () => [],
        async close() {
          await browser.deleteSession().catch(() => {});
          sessions.splice(sessions.indexOf(browser), 1);
        },
      };
    },
    async close() {
      for (const s of sessions) await s.deleteSession().catch(() => {});
      try {
        if (driver.pid) process.kill(-driver.pid, 'SIGTERM');
      } catch {}
    },
  };
}

// ---------------------------------------------------------------- Playwright's own builds

async function playwrightEngine(kind: 'firefox' | 'webkit'): Promise<Engine> {
  const pw = await import('@playwright/test');
  const browser = await pw[kind].launch();
  return {
    name: kind,
    description: `Playwright's ${kind} (${pw[kind].executablePath()})`,
    async open(size, js) {
      const context = await browser.newContext({
        viewport: { width: size.width, height: size.height },
        javaScriptEnabled: js,
        reducedMotion: 'reduce',
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`console: ${m.text()}`);
      });
      page.on('pageerror', (e) => errors.push(`uncaught: ${String(e)}`));
      return {
        viewport: () => page.evaluate(() => ({ width: innerWidth, height: innerHeight })),
        async goto(url) {
          await page.goto(url);
        },
        eval: (fn, arg) => page.evaluate(fn as any, arg) as any,
        async evalInFrame(selector, fn) {
          const frame = await (await page.waitForSelector(selector))!.contentFrame();
          if (!frame) throw new Error(`no frame in ${selector}`);
          return frame.evaluate(fn as any) as any;
        },
        press: (key) => page.keyboard.press(key),
        async screenshot(path) {
          await page.screenshot({ path });
        },
        engineErrors: () => errors,
        close: () => context.close(),
      };
    },
    close: () => browser.close(),
  };
}

/** Starts the named engine; throws with a clear message when its browser is missing. */
export async function startEngine(name: string): Promise<Engine> {
  const usePw = process.env.ENGINES_PLAYWRIGHT;
  if (name === 'firefox') {
    if (usePw !== '0' && !process.env.FIREFOX_PATH && (usePw === '1' || (await playwrightBrowser('firefox'))))
      return playwrightEngine('firefox');
    return puppeteerEngine(
      'firefox',
      firstExisting('Firefox', 'FIREFOX_PATH', ['/usr/bin/firefox-esr', '/usr/bin/firefox']),
    );
  }
  if (name === 'webkit') {
    if (usePw !== '0' && !process.env.WEBKIT_DRIVER_PATH && (usePw === '1' || (await playwrightBrowser('webkit'))))
      return playwrightEngine('webkit');
    return webkitEngine();
  }
  if (name === 'chromium')
    return puppeteerEngine(
      'chrome',
      firstExisting('Chromium', 'CHROMIUM_PATH', ['/usr/bin/chromium', '/usr/bin/chromium-browser']),
    );
  throw new Error(`unknown engine "${name}" (firefox, webkit, chromium)`);
}
