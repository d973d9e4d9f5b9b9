import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { TYPEAHEAD_TIMEOUT_MS } from '@cif-elements/core';
import '../src/index.js';
import type { CifCallNumberDetail, CifRecordDetail, CifWrapUp, CifWrapUpSubmitDetail, RecordMatch, WrapUpCall } from '../src/index.js';
import { HOSTILE, settle, useCleanStorage } from './helpers.js';

const ADA: RecordMatch = { entityName: 'contact', id: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'Ada Lovelace' };
const FAB: RecordMatch = { entityName: 'account', id: 'aaaaaaaa-0000-4000-8000-000000000002', name: 'Fabrikam, Inc.' };

const callOf = (over: Partial<WrapUpCall> = {}): WrapUpCall => ({
  callId: 'c1',
  direction: 'incoming',
  number: '+14255550100',
  active: true,
  lookup: 'done',
  records: [ADA],
  regarding: ADA,
  ...over,
});

function parts(el: CifWrapUp) {
  const root = el.shadowRoot!;
  const q = <T extends Element = HTMLElement>(p: string) => root.querySelector<T>(`[part~="${p}"]`);
  return {
    heading: q('heading'),
    caller: q('caller'),
    number: q('number'),
    duration: q('duration'),
    records: q('records'),
    radios: [...root.querySelectorAll<HTMLInputElement>('input[type="radio"]')],
    open: q<HTMLButtonElement>('open-record'),
    create: q<HTMLButtonElement>('create-contact'),
    searchAgain: q<HTMLButtonElement>('search-again'),
    notes: q<HTMLTextAreaElement>('notes'),
    outcome: q<HTMLSelectElement>('outcome'),
    submit: q<HTMLButtonElement>('submit'),
    status: q('status'),
    error: q('error'),
    pending: q('pending'),
    retry: q<HTMLButtonElement>('retry'),
  };
}

async function render(call?: WrapUpCall) {
  const el = await fixture<CifWrapUp>(html`<cif-wrap-up default-country="US" .call=${call}></cif-wrap-up>`);
  await settle(el);
  return el;
}

describe('<cif-wrap-up>', () => {
  useCleanStorage();

  it('no call: only the status, and the pending logs with Retry now (cif-log-retry)', async () => {
    const el = await render();
    expect(parts(el).notes).to.equal(null);
    expect(parts(el).status!.textContent).to.equal('');
    await expect(el).to.be.accessible();
    el.pendingCount = 2;
    el.logState = 'saved';
    await settle(el);
    expect(parts(el).status!.textContent).to.equal('Call logged in Dynamics.');
    expect(parts(el).pending!.textContent).to.equal('2 call logs are waiting for Dynamics.');
    expect(el.getAttribute('log-state')).to.equal('saved');
    await expect(el).to.be.accessible();
    setTimeout(() => parts(el).retry!.click());
    const e = await oneEvent(el, 'cif-log-retry');
    expect(e.detail).to.deep.equal({});
  });

  it('during the call: "Call notes", the caller, notes and outcome, no submit button', async () => {
    const el = await render(callOf());
    const p = parts(el);
    expect(p.heading!.textContent).to.equal('Call notes');
    expect(p.caller!.textContent).to.equal('Ada Lovelace');
    expect(p.number!.textContent).to.equal('(425) 555-0100');
    expect(p.submit).to.equal(null);
    expect(p.duration).to.equal(null);
    expect([...p.outcome!.options].map((o) => o.value)).to.deep.equal([
      '',
      'Resolved',
      'Follow-up needed',
      'Callback requested',
      'Left voicemail',
      'No answer',
      'Wrong number',
    ]);
    await expect(el).to.be.accessible();
  });

  it('keyboard only: type notes, pick an outcome, Ctrl+Enter saves after the call', async () => {
    const el = await render(callOf({ active: false, durationSeconds: 75 }));
    expect(parts(el).heading!.textContent).to.equal('Wrap-up');
    expect(parts(el).duration!.textContent).to.contain('1:15');
    parts(el).notes!.focus();
    await sendKeys({ type: 'Wants a callback.' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await settle(el);
    expect(el.notes).to.equal('Wants a callback.');
    expect(el.outcome).to.equal('Follow-up needed');
    const submitted: CustomEvent<CifWrapUpSubmitDetail>[] = [];
    el.addEventListener('cif-wrap-up-submit', (e) => submitted.push(e));
    parts(el).notes!.focus();
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Control' });
    expect(submitted.map((e) => e.detail)).to.deep.equal([
      { callId: 'c1', notes: 'Wants a callback.', outcome: 'Follow-up needed', regarding: ADA },
    ]);
    expect(submitted[0]!.cancelable && submitted[0]!.bubbles && submitted[0]!.composed).to.be.true;
    // the button, by keyboard
    parts(el).submit!.focus();
    await sendKeys({ press: 'Enter' });
    expect(submitted).to.have.length(2);
  });

  it('several records: a radio group chooses the regarding record (cif-record-select), Open fires cif-record-open', async () => {
    const el = await render(callOf({ records: [ADA, FAB], regarding: undefined }));
    const p = parts(el);
    expect(p.radios).to.have.length(3);
    expect(p.radios.map((r) => r.checked)).to.deep.equal([false, false, true]);
    expect(p.open!.disabled).to.be.true;
    await expect(el).to.be.accessible();
    const selected: CustomEvent<CifRecordDetail>[] = [];
    el.addEventListener('cif-record-select', (e) => selected.push(e));
    p.radios[0]!.focus();
    await sendKeys({ press: ' ' });
    await sendKeys({ press: 'ArrowDown' });
    await settle(el);
    expect(selected.map((e) => e.detail.record?.name)).to.deep.equal(['Ada Lovelace', 'Fabrikam, Inc.']);
    expect(el.regarding).to.deep.equal(FAB);
    expect(parts(el).open!.disabled).to.be.false;
    setTimeout(() => parts(el).open!.click());
    const opened = await oneEvent(el, 'cif-record-open');
    expect(opened.detail).to.deep.equal({ callId: 'c1', record: FAB });
    await sendKeys({ press: 'ArrowDown' });
    await settle(el);
    expect(selected.at(-1)!.detail.record).to.equal(null);
    expect(el.regarding).to.equal(undefined);
  });

  it('several records, keyboard only: typing the first letters of a record chooses it (repeating a letter cycles); arrows stay native', async function () {
    this.timeout(15_000);
    const ALP: RecordMatch = { entityName: 'account', id: 'aaaaaaaa-0000-4000-8000-000000000003', name: 'Alpine Ski House' };
    const wrap = await fixture<HTMLDivElement>(html`<div><button id="before">before</button><cif-wrap-up default-country="US"></cif-wrap-up></div>`);
    const el = wrap.querySelector('cif-wrap-up')!;
    el.call = callOf({ records: [ADA, FAB, ALP], regarding: undefined });
    await settle(el);
    const selected: (string | null)[] = [];
    el.addEventListener('cif-record-select', (e) => selected.push(e.detail.record?.name ?? null));
    const radios = parts(el).radios;
    const focusedRadio = () => radios.indexOf(el.shadowRoot!.activeElement as HTMLInputElement);
    const checked = () => radios.findIndex((r) => r.checked);
    const type = async (keys: string) => {
      await sendKeys({ type: keys });
      await settle(el);
    };
    wrap.querySelector<HTMLButtonElement>('#before')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(focusedRadio(), 'Tab reaches the checked radio ("None")').to.equal(3);
    await type('f');
    expect([focusedRadio(), checked()]).to.deep.equal([1, 1]);
    expect(el.regarding).to.deep.equal(FAB);
    await type('a');
    expect([focusedRadio(), checked()], '"fa": no record starts with it, nothing moves').to.deep.equal([1, 1]);
    await aTimeout(TYPEAHEAD_TIMEOUT_MS + 100);
    await type('a');
    expect([focusedRadio(), checked()], 'the next A after Fabrikam').to.deep.equal([2, 2]);
    await type('a');
    expect([focusedRadio(), checked()], 'A again: round to Ada').to.deep.equal([0, 0]);
    await aTimeout(TYPEAHEAD_TIMEOUT_MS + 100);
    await type('alp');
    expect([focusedRadio(), checked()], '"alp" together').to.deep.equal([2, 2]);
    await aTimeout(TYPEAHEAD_TIMEOUT_MS + 100);
    await type('N');
    expect([focusedRadio(), checked()], '"None" by its label').to.deep.equal([3, 3]);
    expect(el.regarding).to.equal(undefined);
    await sendKeys({ press: 'ArrowUp' });
    await settle(el);
    expect([focusedRadio(), checked()], 'arrows: the radios\' own').to.deep.equal([2, 2]);
    expect(selected).to.deep.equal(['Fabrikam, Inc.', 'Alpine Ski House', 'Ada Lovelace', 'Alpine Ski House', null, 'Alpine Ski House']);
    // letters in the notes are text, not type-ahead
    parts(el).notes!.focus();
    await type('a');
    expect(parts(el).notes!.value).to.equal('a');
    expect(checked()).to.equal(2);
    await expect(el).to.be.accessible();
  });

  it('no record: "Create contact" (cif-create-contact); a failed lookup: "Search again" (cif-record-search)', async () => {
    const el = await render(callOf({ records: [], regarding: undefined }));
    expect(parts(el).caller!.textContent).to.equal('Unknown caller');
    expect(parts(el).records!.textContent).to.contain('No contact or account has this number.');
    await expect(el).to.be.accessible();
    setTimeout(() => parts(el).create!.click());
    const created = await oneEvent(el, 'cif-create-contact');
    expect(created.detail as CifCallNumberDetail).to.deep.equal({ callId: 'c1', number: '+14255550100' });

    el.call = callOf({ records: [], regarding: undefined, number: 'anonymous' });
    await settle(el);
    expect(parts(el).create, 'nothing to put in a contact').to.equal(null);

    el.call = callOf({ records: [], regarding: undefined, lookup: 'failed' });
    await settle(el);
    expect(parts(el).records!.textContent).to.contain('Could not search Dynamics for this number.');
    setTimeout(() => parts(el).searchAgain!.click());
    const again = await oneEvent(el, 'cif-record-search');
    expect(again.detail.callId).to.equal('c1');
    el.call = callOf({ records: [], regarding: undefined, lookup: 'pending' });
    await settle(el);
    expect(parts(el).records!.textContent).to.contain('Looking up the number in Dynamics…');
    await expect(el).to.be.accessible();
  });

  it('log states: saving disables the button, failed shows the error (role=alert) and keeps the form', async () => {
    const el = await render(callOf({ active: false }));
    el.logState = 'saving';
    await settle(el);
    expect(parts(el).submit!.disabled).to.be.true;
    expect(parts(el).status!.textContent).to.equal('Saving the call log…');
    expect(el.submit(), 'no double submit').to.be.false;
    await expect(el).to.be.accessible();
    el.logState = 'failed';
    el.logError = 'Dataverse is down';
    el.pendingCount = 1;
    await settle(el);
    const err = parts(el).error!;
    expect(err.getAttribute('role')).to.equal('alert');
    expect(err.textContent).to.contain('The call log could not be saved.');
    expect(err.textContent).to.contain('Dataverse is down');
    expect(err.textContent).to.contain('It is kept and will be sent again.');
    expect(parts(el).submit!.disabled).to.be.false;
    expect(parts(el).pending!.textContent).to.equal('1 call log is waiting for Dynamics.');
    await expect(el).to.be.accessible();
  });

  it('a new call resets notes and outcome; cancelling the submit event is respected by submit()', async () => {
    const el = await render(callOf({ active: false }));
    el.notes = 'old';
    el.outcome = 'Resolved';
    await settle(el);
    el.call = callOf({ callId: 'c1', active: false, records: [ADA, FAB] });
    await settle(el);
    expect(el.notes, 'same call keeps the notes').to.equal('old');
    el.call = callOf({ callId: 'c2' });
    await settle(el);
    expect([el.notes, el.outcome]).to.deep.equal(['', '']);
    el.call = callOf({ callId: 'c2', active: false });
    await settle(el);
    el.addEventListener('cif-wrap-up-submit', (e) => e.preventDefault(), { once: true });
    expect(el.submit()).to.be.false;
    el.call = callOf({ active: true });
    await settle(el);
    expect(el.submit(), 'not during the call').to.be.false;
  });

  it('hostile names render as text; strings and outcomes are replaceable', async () => {
    const el = await render(callOf({ name: HOSTILE, records: [{ ...ADA, name: HOSTILE }, FAB], regarding: undefined }));
    const root = el.shadowRoot!;
    expect(root.querySelector('img')).to.equal(null);
    expect(parts(el).caller!.textContent).to.equal(HOSTILE);
    expect(root.querySelector('[part~="record"] bdi')!.textContent).to.equal(HOSTILE);
    el.strings = { headingActive: 'Notizen', notes: 'Notizen zum Anruf', entityLabel: () => 'Kontakt' };
    el.outcomes = ['Erledigt'];
    await settle(el);
    expect(parts(el).heading!.textContent).to.equal('Notizen');
    expect(parts(el).notes!.closest('label')!.textContent).to.contain('Notizen zum Anruf');
    expect([...parts(el).outcome!.options].map((o) => o.textContent)).to.deep.equal(['(none)', 'Erledigt']);
    expect(root.querySelector('.record-kind')!.textContent).to.equal('Kontakt');
  });
});
