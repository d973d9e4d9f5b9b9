import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { CifAudioSettings, SipPhone } from '../src/index.js';

const fakeContexts: AudioContext[] = [];

interface FakeDevices {
  md: MediaDevices;
  calls: MediaStreamConstraints[];
  stopped: number;
}

/** A stand-in for navigator.mediaDevices: two microphones and a speaker; getUserMedia gives an oscillator's stream. */
function fakeDevices(mode: 'ok' | 'denied' | 'none' = 'ok', granted = false): FakeDevices {
  const state = { granted, calls: [] as MediaStreamConstraints[], stopped: 0 };
  const target = new EventTarget();
  const device = (kind: MediaDeviceKind, deviceId: string, label: string) =>
    ({ kind, deviceId, label: state.granted ? label : '', groupId: 'g', toJSON: () => ({}) }) as MediaDeviceInfo;
  const md = Object.assign(target, {
    async enumerateDevices() {
      return [
        device('audioinput', 'default', 'Default'),
        device('audioinput', 'mic-1', 'Headset microphone'),
        device('audioinput', 'mic-2', '<b>USB</b> microphone'),
        device('audiooutput', 'spk-1', 'Headset earphones'),
      ];
    },
    async getUserMedia(c: MediaStreamConstraints) {
      state.calls.push(c);
      if (mode === 'denied') throw new DOMException('Permission denied', 'NotAllowedError');
      if (mode === 'none') throw new DOMException('Requested device not found', 'NotFoundError');
      state.granted = true;
      const ctx = new AudioContext();
      void ctx.resume();
      fakeContexts.push(ctx);
      const osc = ctx.createOscillator();
      const dest = ctx.createMediaStreamDestination();
      osc.connect(dest);
      osc.start();
      const stream = dest.stream;
      for (const t of stream.getTracks()) {
        const stop = t.stop.bind(t);
        t.stop = () => {
          state.stopped++;
          stop();
          void ctx.close();
        };
      }
      return stream;
    },
  }) as unknown as MediaDevices;
  return {
    md,
    get calls() {
      return state.calls;
    },
    get stopped() {
      return state.stopped;
    },
  } as FakeDevices;
}

const part = (el: CifAudioSettings, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

async function render(devices: FakeDevices, extra?: (el: CifAudioSettings) => void): Promise<CifAudioSettings> {
  const el = document.createElement('cif-audio-settings');
  el.mediaDevices = devices.md;
  extra?.(el);
  const wrap = await fixture(html`<div></div>`);
  wrap.append(el);
  await waitUntil(() => el.shadowRoot!.querySelectorAll('[part="microphone"] option').length === 3, 'devices not listed');
  return el;
}

describe('<cif-audio-settings>', () => {
  it('lists microphones and speakers (names as text), asks for permission, accessible', async () => {
    const devices = fakeDevices('ok');
    const el = await render(devices);
    expect(el.permission).to.equal('unknown');
    const mic = part(el, 'microphone') as HTMLSelectElement;
    // Before permission: no labels, numbered names.
    expect([...mic.options].map((o) => o.textContent!.trim())).to.deep.equal(['System default', 'Microphone 1', 'Microphone 2']);
    expect(part(el, 'allow')).to.exist;
    await expect(el).to.be.accessible();
    part(el, 'allow')!.click();
    await waitUntil(() => el.permission === 'granted');
    await el.updateComplete;
    expect([...mic.options].map((o) => o.textContent!.trim())).to.deep.equal(['System default', 'Headset microphone', '<b>USB</b> microphone']);
    expect(mic.querySelector('b')).to.equal(null);
    expect(part(el, 'allow')).to.equal(null);
    expect(devices.stopped).to.equal(1);
    if (el.canChooseSpeaker) {
      const spk = part(el, 'speaker') as HTMLSelectElement;
      expect([...spk.options].map((o) => o.value)).to.deep.equal(['', 'spk-1']);
    }
    await expect(el).to.be.accessible();
  });

  it('permission denied: a clear alert, the check disabled, "Allow" offered again', async () => {
    const el = await render(fakeDevices('denied'));
    await el.requestPermission();
    await el.updateComplete;
    expect(el.permission).to.equal('denied');
    expect(el.getAttribute('permission')).to.equal('denied');
    const alert = part(el, 'denied')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(alert.textContent).to.match(/blocked/);
    expect((part(el, 'check') as HTMLButtonElement).disabled).to.be.true;
    expect(part(el, 'allow')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('no microphone: says so', async () => {
    const el = await render(fakeDevices('none'));
    await el.requestPermission();
    await el.updateComplete;
    expect(el.permission).to.equal('no-device');
    expect(part(el, 'denied')!.textContent).to.match(/No microphone/);
  });

  it('the level meter follows the chosen microphone and stops', async () => {
    const devices = fakeDevices('ok', true);
    const el = await render(devices);
    const mic = part(el, 'microphone') as HTMLSelectElement;
    mic.value = 'mic-2';
    const changed = oneEvent(el, 'cif-audio-device-change');
    mic.dispatchEvent(new Event('change'));
    expect((await changed).detail).to.deep.equal({ kind: 'input', deviceId: 'mic-2' });
    // A key press is a user activation: audio may start (a scripted click() is not one).
    part(el, 'check')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.checking, 'the check does not start');
    expect(devices.calls.at(-1)).to.deep.equal({ audio: { deviceId: { exact: 'mic-2' } }, video: false });
    const meterAudio = (el as unknown as { meter?: { ctx: AudioContext } }).meter!.ctx;
    await new Promise((r) => setTimeout(r, 200));
    // Firefox under WebDriver BiDi keeps audio suspended (its autoplay policy does not count the automated
    // key press as a gesture): the level can only move where audio runs.
    const audioRuns = meterAudio.state === 'running' && fakeContexts.at(-1)?.state === 'running';
    if (audioRuns) await waitUntil(() => el.level > 0, 'the meter does not move', { timeout: 3000 });
    await el.updateComplete;
    const meter = part(el, 'meter')!;
    expect(meter.tagName).to.equal('METER');
    expect((meter as HTMLMeterElement).max).to.equal(1);
    if (audioRuns) expect((meter as HTMLMeterElement).value).to.be.greaterThan(0);
    expect(part(el, 'check')!.getAttribute('aria-pressed')).to.equal('true');
    part(el, 'check')!.click();
    await el.updateComplete;
    expect(el.level).to.equal(0);
    expect(devices.stopped).to.be.greaterThan(0);
    expect(part(el, 'check')!.getAttribute('aria-pressed')).to.equal('false');
  });

  it('plays a test tone for a while, with the button pressed meanwhile', async () => {
    const el = await render(fakeDevices('ok', true));
    el.playTestTone(150);
    await el.updateComplete;
    expect(part(el, 'test')!.getAttribute('aria-pressed')).to.equal('true');
    await waitUntil(() => part(el, 'test')!.getAttribute('aria-pressed') === 'false', 'the tone does not stop');
  });

  it('applies the choice to the phone of the <cif-sip> named by "for"', async () => {
    const phone = new SipPhone({ server: 'wss://pbx.example.com/ws', aor: 'sip:1001@pbx.example.com' });
    const applied: string[] = [];
    phone.setInputDevice = async (id: string) => void applied.push(`in:${id}`);
    phone.setOutputDevice = async (id: string) => void applied.push(`out:${id}`);
    const holder = document.createElement('div');
    holder.id = 'my-phone';
    Object.defineProperty(holder, 'phone', { value: phone });
    document.body.append(holder);
    try {
      const el = await render(fakeDevices('ok', true), (x) => (x.for = 'my-phone'));
      const mic = part(el, 'microphone') as HTMLSelectElement;
      mic.value = 'mic-1';
      mic.dispatchEvent(new Event('change'));
      await waitUntil(() => applied.length === 1);
      expect(applied).to.deep.equal(['in:mic-1']);
    } finally {
      holder.remove();
    }
  });
});
