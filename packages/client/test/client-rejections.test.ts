// Every client method against every rejection shape CIF uses (issue #6): JSON string, Map, Error,
// plain string. Each must become a CifError naming the method and carrying CIF's message and raw value.
import { expect } from '@open-wc/testing';
import { CifError } from '../src/errors.js';
import { CifFrameworkClient } from '../src/client.js';
import type { CifClient } from '../src/types.js';
import type { CifFrameworkApi } from '../src/framework.js';
import { createFakeCIFramework } from '../src/testing/index.js';

type Call = [keyof CifFrameworkApi, (c: CifClient) => Promise<unknown>];
const CALLS: Call[] = [
  ['createRecord', (c) => c.createRecord('contact', { a: 1 })],
  ['retrieveRecord', (c) => c.retrieveRecord('contact', 'id')],
  ['updateRecord', (c) => c.updateRecord('contact', 'id', { a: 1 })],
  ['deleteRecord', (c) => c.deleteRecord('contact', 'id')],
  ['searchAndOpenRecords', (c) => c.searchAndOpenRecords('contact', '?$top=1', true)],
  ['openForm', (c) => c.openForm({ entityName: 'contact' })],
  ['renderSearchPage', (c) => c.renderSearchPage('contact', 'x')],
  ['getEnvironment', (c) => c.getEnvironment()],
  ['getClickToAct', (c) => c.getClickToAct()],
  ['setClickToAct', (c) => c.setClickToAct(true)],
  ['getMode', (c) => c.getMode()],
  ['setMode', (c) => c.setMode(1)],
  ['getWidth', (c) => c.getWidth()],
  ['setWidth', (c) => c.setWidth(400)],
  ['canCreateSession', (c) => c.canCreateSession()],
  ['createSession', (c) => c.createSession({ templateName: 't' })],
  ['getSession', (c) => c.getSession('s')],
  ['getFocusedSession', (c) => c.getFocusedSession()],
  ['getAllSessions', (c) => c.getAllSessions()],
  ['requestFocusSession', (c) => c.requestFocusSession('s')],
  ['setSessionTitle', (c) => c.setSessionTitle({ sessionId: 's', customer: 'x' })],
  ['notifyNewActivity', (c) => c.notifyNewActivity('s', 1)],
  ['notifyKpiBreach', (c) => c.notifyKpiBreach('s')],
  ['updateContext', (c) => c.updateContext({ a: 1 }, 's')],
  ['createTab', (c) => c.createTab({ templateName: 't' })],
  ['focusTab', (c) => c.focusTab('t')],
  ['getFocusedTab', (c) => c.getFocusedTab()],
  ['getTabs', (c) => c.getTabs()],
  ['refreshTab', (c) => c.refreshTab('t')],
  ['setTabTitle', (c) => c.setTabTitle('t', 'x')],
  ['closeTab', (c) => c.closeTab('t')],
  ['notifyEvent', (c) => c.notifyEvent({ templateName: 'n' })],
  ['cancelEvent', (c) => c.cancelEvent('tok')],
  ['getPresence', (c) => c.getPresence()],
  ['setPresence', (c) => c.setPresence('Busy')],
];

const SHAPES: Array<[string, (msg: string) => unknown]> = [
  ['JSON string', (m) => JSON.stringify({ message: m, msdyn_name: 'x' })],
  ['JSON string {value:{errorMsg}}', (m) => JSON.stringify({ value: { errorMsg: m, errorType: 1 } })],
  ['Map', (m) => new Map([['message', m], ['msdyn_name', 'x']])],
  ['Error', (m) => new Error(m)],
  ['plain string', (m) => m],
];

describe('every client method x every rejection shape', () => {
  for (const [method, run] of CALLS) {
    it(method, async () => {
      for (const [shape, make] of SHAPES) {
        const fake = createFakeCIFramework({ version: 2 });
        const client = new CifFrameworkClient(fake, { version: 2 });
        const message = `${method} refused (${shape})`;
        const raw = make(message);
        fake.reject(method, raw);
        let caught: unknown;
        try {
          await run(client);
        } catch (e) {
          caught = e;
        }
        expect(caught, `${method} / ${shape}`).to.be.instanceOf(CifError);
        const err = caught as CifError;
        expect(err.message, shape).to.equal(message);
        expect(err.method, shape).to.equal(method);
        expect(err.code, shape).to.equal('rejected');
        expect(err.cause, shape).to.equal(raw);
      }
    });
  }
});

describe('toCifError: limit-reached only for messages that say a limit was reached', () => {
  it('maps real limit messages', async () => {
    const { toCifError } = await import('../src/errors.js');
    for (const m of [
      'Maximum number of sessions (10) reached; close a session first',
      'Session limit reached',
      'The notification limit was exceeded',
      'NotificationQueueLimitExceeded',
      'Request exceeds the maximum allowed size',
      'Too many sessions are open',
    ]) {
      expect(toCifError(new Map([['message', m]]), 'x').code, m).to.equal('limit-reached');
    }
  });

  it('does not map every text containing "limit" or "maximum"', async () => {
    const { toCifError } = await import('../src/errors.js');
    for (const m of [
      'Rate limiting is not configured for this org',
      'The delimiter is invalid',
      'Call limitations apply to this provider',
      'Unlimited sessions are not supported in this app',
      'Set the maximum width in the channel provider',
    ]) {
      expect(toCifError(m, 'x').code, m).to.equal('rejected');
    }
  });
});
