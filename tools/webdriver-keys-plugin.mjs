// @ts-check
// `sendKeys()` (@web/test-runner-commands) for WebDriver sessions (WebKit here), done as the other
// launchers do it. The stock command, for `webdriver` browsers:
// - supports `press` and `type` only, and throws for `down`/`up` (Shift+Tab, Alt+A, Ctrl+Enter);
// - types through WebdriverIO `keys([...chars])`, which presses every key and then releases them all, so
//   a repeated character (the second "l" of "call") is a key that is already down and is lost;
// - knows no key names like "KeyA".
// This one sends one W3C key action sequence per call, with a keyDown/keyUp pair per key, and supports
// `down`/`up` (WebDriver keeps a key held between calls). Other browser types keep the stock command.

/** W3C WebDriver code points of the named keys the tests use (the names puppeteer and playwright take). */
const NAMED_KEYS = new Map([
  ['Backspace', '\uE003'], ['Tab', '\uE004'], ['Enter', '\uE007'], ['Shift', '\uE008'], ['Control', '\uE009'],
  ['Alt', '\uE00A'], ['Escape', '\uE00C'], ['Space', ' '], ['PageUp', '\uE00E'], ['PageDown', '\uE00F'],
  ['End', '\uE010'], ['Home', '\uE011'], ['ArrowLeft', '\uE012'], ['ArrowUp', '\uE013'], ['ArrowRight', '\uE014'],
  ['ArrowDown', '\uE015'], ['Insert', '\uE016'], ['Delete', '\uE017'], ['Meta', '\uE03D'],
]);

/** The WebDriver key value for a key name or a single character. @param {string} name */
export function webdriverKey(name) {
  const named = NAMED_KEYS.get(name);
  if (named) return named;
  const letter = /^Key([A-Z])$/.exec(name);
  if (letter) return letter[1].toLowerCase();
  const digit = /^Digit([0-9])$/.exec(name);
  if (digit) return digit[1];
  if ([...name].length === 1) return name;
  throw new Error(`sendKeys: no WebDriver key for ${JSON.stringify(name)}`);
}

/**
 * The key actions for one sendKeys payload, or null when it is not one this plugin handles.
 * @param {unknown} payload
 * @returns {Array<{ type: 'keyDown' | 'keyUp', value: string }> | null}
 */
export function keyActions(payload) {
  if (payload == null || typeof payload !== 'object' || Object.keys(payload).length !== 1) return null;
  const p = /** @type {Record<string, unknown>} */ (payload);
  /** @type {(value: string) => Array<{ type: 'keyDown' | 'keyUp', value: string }>} */
  const stroke = (value) => [{ type: 'keyDown', value }, { type: 'keyUp', value }];
  if (typeof p.type === 'string') return [...p.type].flatMap(stroke);
  if (typeof p.press === 'string') return stroke(webdriverKey(p.press));
  if (typeof p.down === 'string') return [{ type: 'keyDown', value: webdriverKey(p.down) }];
  if (typeof p.up === 'string') return [{ type: 'keyUp', value: webdriverKey(p.up) }];
  return null;
}

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function webdriverKeysPlugin() {
  return {
    name: 'webdriver-send-keys',
    // web-test-runner puts its own send-keys plugin before the config's plugins, so a `send-keys` command
    // never reaches this one: wrap that plugin's command instead (the dev server's plugin list holds the
    // same plugin objects as the test runner's).
    serverStart({ config }) {
      const stock = /** @type {import('@web/test-runner').TestRunnerPlugin | undefined} */ (
        config.plugins?.find((p) => p.name === 'send-keys-command')
      );
      if (!stock?.executeCommand) throw new Error('webdriverKeysPlugin: web-test-runner has no send-keys-command plugin');
      const stockCommand = stock.executeCommand.bind(stock);
      stock.executeCommand = async (args) => {
        const { command, payload, session } = args;
        const actions = command === 'send-keys' && session.browser.type === 'webdriver' ? keyActions(payload) : null;
        if (!actions) return stockCommand(args);
        // `driver`: the launcher's WebdriverIO browser, which runs this one session (concurrency 1).
        const { driver } = /** @type {{ driver: { performActions(a: object[]): Promise<void> } }} */ (
          /** @type {unknown} */ (session.browser)
        );
        await driver.performActions([{ type: 'key', id: 'keyboard', actions }]);
        return true;
      };
    },
  };
}
