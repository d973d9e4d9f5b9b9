import { css, html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { CifElement, baseStyles, cifElement, formatNumber } from '@cif-elements/core';
import { TEST_TONE, TonePlayer } from './tones.js';
import type { SipPhone } from './sip-phone.js';
import { AUDIO_SETTINGS_LOCALE_PACKS, DEFAULT_AUDIO_SETTINGS_STRINGS } from './strings.js';
import type { CifAudioSettingsStrings } from './strings.js';

export type { CifAudioSettingsStrings } from './strings.js';

/**
 * English texts of `<cif-audio-settings>`.
 * @deprecated Use `DEFAULT_AUDIO_SETTINGS_STRINGS`.
 */
export const CIF_AUDIO_SETTINGS_STRINGS: Readonly<CifAudioSettingsStrings> = DEFAULT_AUDIO_SETTINGS_STRINGS;

/** The state of microphone permission as the element knows it. */
export type MicrophonePermission = 'unknown' | 'granted' | 'denied' | 'no-device';

/** Something that takes the device choice: a `SipPhone`, or a `<cif-sip>` (its `phone`). */
type PhoneHolder = SipPhone | { phone: SipPhone | undefined };

/**
 * Microphone and speaker choice for the softphone: devices from `enumerateDevices()`, the speaker applied
 * with `setSinkId` (where the browser has it), an input level meter, a test tone, and a clear state when
 * microphone permission is denied.
 *
 * Give it the phone with `phone` (a `SipPhone` or a `<cif-sip>`), or `for="<id of a cif-sip>"`; a choice is
 * applied to the phone's calls (and to the next ones) and fired as `cif-audio-device-change`.
 *
 * @summary Microphone/speaker choice, level meter and test tone for `<cif-sip>`.
 *
 * @fires cif-audio-device-change - The agent chose a device. `detail: { kind: 'input' | 'output', deviceId }` (`''`: system default).
 *
 * @csspart base - The wrapper.
 * @csspart heading - The heading.
 * @csspart microphone - The microphone select.
 * @csspart speaker - The speaker select.
 * @csspart meter - The input level (a `<meter>`, 0–1).
 * @csspart check - The "Check microphone" button.
 * @csspart test - The "Play test tone" button.
 * @csspart allow - The "Allow the microphone" button.
 * @csspart denied - The permission-denied message (role="alert").
 *
 * @tagname cif-audio-settings
 */
@cifElement('cif-audio-settings')
export class CifAudioSettings extends CifElement<CifAudioSettingsStrings> {
  static override localization = { defaults: DEFAULT_AUDIO_SETTINGS_STRINGS, packs: AUDIO_SETTINGS_LOCALE_PACKS };
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      :host([hidden]) {
        display: none;
      }
      [part='base'] {
        display: grid;
        gap: var(--cif-space-s, 0.5rem);
      }
      [part='heading'] {
        font-size: inherit;
        font-weight: 600;
        margin: 0;
      }
      label {
        display: grid;
        gap: 0.25rem;
      }
      select,
      button {
        font: inherit;
      }
      [part='meter'] {
        inline-size: 100%;
      }
      .row {
        display: flex;
        gap: var(--cif-space-s, 0.5rem);
        flex-wrap: wrap;
      }
      [part='denied'] {
        color: var(--cif-color-danger, #c50f1f);
        margin: 0;
      }
    `,
  ];

  /** The phone the choice applies to: a `SipPhone` or a `<cif-sip>`. */
  @property({ attribute: false }) phone: PhoneHolder | undefined;

  /** Id of the `<cif-sip>` the choice applies to (when `phone` is not set). */
  @property({ attribute: 'for' }) for = '';

  /** Where devices come from (default `navigator.mediaDevices`; tests pass a stand-in). */
  @property({ attribute: false }) mediaDevices: MediaDevices | undefined = globalThis.navigator?.mediaDevices;

  /** The chosen microphone (`''`: system default). */
  @property({ attribute: false }) inputDeviceId = '';

  /** The chosen speaker (`''`: system default). */
  @property({ attribute: false }) outputDeviceId = '';

  /** Microphone permission as far as the element knows (reflected). */
  @property({ reflect: true }) permission: MicrophonePermission = 'unknown';

  /** The microphone level, 0–1, while the check runs. */
  @state() level = 0;
  @state() private devices: MediaDeviceInfo[] = [];
  /** The level check is running. */
  @state() checking = false;
  @state() private testing = false;

  private meter: { ctx: AudioContext; stream: MediaStream; frame: number } | undefined;
  private readonly tones = new TonePlayer();
  private testTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly onDeviceChange = () => void this.refresh();

  /** Whether the browser can choose the speaker (`setSinkId`). */
  get canChooseSpeaker(): boolean {
    return typeof (HTMLMediaElement.prototype as HTMLMediaElement & { setSinkId?: unknown }).setSinkId === 'function';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.mediaDevices?.addEventListener?.('devicechange', this.onDeviceChange);
    void this.refresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.mediaDevices?.removeEventListener?.('devicechange', this.onDeviceChange);
    this.stopCheck();
    this.stopTest();
    this.tones.dispose();
  }

  /** Lists the devices again. */
  async refresh(): Promise<void> {
    const md = this.mediaDevices;
    if (!md?.enumerateDevices) return;
    try {
      this.devices = await md.enumerateDevices();
    } catch {
      this.devices = [];
    }
    // Labels are only given once the microphone is allowed.
    if (this.permission === 'unknown' && this.devices.some((d) => d.kind === 'audioinput' && d.label)) this.permission = 'granted';
  }

  /** Asks for the microphone (a prompt, once); lists the devices with their names afterwards. */
  async requestPermission(): Promise<MicrophonePermission> {
    const stream = await this.openMicrophone();
    stream?.getTracks().forEach((t) => t.stop());
    return this.permission;
  }

  /** Starts (or stops) the input level meter on the chosen microphone. */
  async toggleCheck(): Promise<void> {
    if (this.checking) {
      this.stopCheck();
      return;
    }
    const stream = await this.openMicrophone();
    if (!stream) return;
    const ctx = new AudioContext();
    if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 512;
    ctx.createMediaStreamSource(stream).connect(analyser);
    const data = new Float32Array(analyser.fftSize);
    const tick = () => {
      analyser.getFloatTimeDomainData(data);
      let sum = 0;
      for (const v of data) sum += v * v;
      // RMS, scaled so normal speech fills most of the bar.
      this.level = Math.min(1, Math.sqrt(sum / data.length) * 4);
      if (this.meter) this.meter.frame = requestAnimationFrame(tick);
    };
    this.meter = { ctx, stream, frame: requestAnimationFrame(tick) };
    this.checking = true;
  }

  /** Plays the test tone on the chosen speaker for `ms` (default 1.5 s). */
  playTestTone(ms = 1500): void {
    this.stopTest();
    void this.tones.setSinkId(this.outputDeviceId).catch(() => undefined);
    this.tones.play(TEST_TONE);
    this.testing = true;
    this.testTimer = setTimeout(() => this.stopTest(), ms);
  }

  private stopTest(): void {
    if (this.testTimer !== undefined) clearTimeout(this.testTimer);
    this.testTimer = undefined;
    this.tones.stop();
    this.testing = false;
  }

  private stopCheck(): void {
    const m = this.meter;
    this.meter = undefined;
    this.checking = false;
    this.level = 0;
    if (!m) return;
    cancelAnimationFrame(m.frame);
    m.stream.getTracks().forEach((t) => t.stop());
    void m.ctx.close().catch(() => undefined);
  }

  private async openMicrophone(): Promise<MediaStream | undefined> {
    const md = this.mediaDevices;
    if (!md?.getUserMedia) {
      this.permission = 'no-device';
      return undefined;
    }
    try {
      const audio: MediaTrackConstraints | boolean = this.inputDeviceId ? { deviceId: { exact: this.inputDeviceId } } : true;
      const stream = await md.getUserMedia({ audio, video: false });
      this.permission = 'granted';
      await this.refresh();
      return stream;
    } catch (e) {
      const name = (e as { name?: string })?.name ?? '';
      this.permission = name === 'NotFoundError' || name === 'OverconstrainedError' ? 'no-device' : 'denied';
      return undefined;
    }
  }

  private target(): SipPhone | undefined {
    const holder = this.phone ?? (this.for ? (this.getRootNode() as Document | ShadowRoot).querySelector?.(`#${CSS.escape(this.for)}`) : null);
    if (!holder) return undefined;
    if ('phone' in holder && !('start' in holder)) return (holder as { phone: SipPhone | undefined }).phone;
    return holder as SipPhone;
  }

  private async choose(kind: 'input' | 'output', deviceId: string): Promise<void> {
    if (kind === 'input') {
      this.inputDeviceId = deviceId;
      if (this.checking) {
        this.stopCheck();
        await this.toggleCheck();
      }
    } else {
      this.outputDeviceId = deviceId;
    }
    const phone = this.target();
    try {
      if (phone) await (kind === 'input' ? phone.setInputDevice(deviceId) : phone.setOutputDevice(deviceId));
    } catch {
      // the phone reports its own errors
    }
    this.emit('cif-audio-device-change', { kind, deviceId });
  }

  private options(kind: 'audioinput' | 'audiooutput', selected: string) {
    const s = this.s;
    const list = this.devices.filter((d) => d.kind === kind && d.deviceId && d.deviceId !== 'default');
    return html`<option value="" ?selected=${selected === ''}>${s.systemDefault}</option>
      ${list.map(
        (d, i) =>
          html`<option value=${d.deviceId} ?selected=${selected === d.deviceId}>
            ${d.label || s.unnamedDevice(kind === 'audioinput' ? 'microphone' : 'speaker', i + 1, formatNumber(this.l10n.intl, i + 1))}
          </option>`,
      )}`;
  }

  override render(): TemplateResult {
    const s = this.s;
    const denied = this.permission === 'denied';
    return html`<div part="base" role="group" aria-labelledby="heading">
      <h3 part="heading" id="heading">${s.heading}</h3>
      ${denied
        ? html`<p part="denied" role="alert">${s.denied}</p>`
        : this.permission === 'no-device'
          ? html`<p part="denied" role="alert">${s.noMicrophone}</p>`
          : nothing}
      <label
        >${s.microphone}
        <select part="microphone" @change=${(e: Event) => void this.choose('input', (e.target as HTMLSelectElement).value)}>
          ${this.options('audioinput', this.inputDeviceId)}
        </select>
      </label>
      ${this.canChooseSpeaker
        ? html`<label
            >${s.speaker}
            <select part="speaker" @change=${(e: Event) => void this.choose('output', (e.target as HTMLSelectElement).value)}>
              ${this.options('audiooutput', this.outputDeviceId)}
            </select>
          </label>`
        : html`<p>${s.speakerFixed}</p>`}
      <label
        >${s.level}
        <meter part="meter" min="0" max="1" low="0.05" high="0.9" optimum="0.5" .value=${this.level}></meter>
      </label>
      <div class="row">
        ${this.permission === 'unknown' || denied
          ? html`<button part="allow" type="button" @click=${() => void this.requestPermission()}>${s.allow}</button>`
          : nothing}
        <button part="check" type="button" aria-pressed=${this.checking ? 'true' : 'false'} ?disabled=${denied} @click=${() => void this.toggleCheck()}>
          ${this.checking ? s.stopCheck : s.checkMicrophone}
        </button>
        <button part="test" type="button" aria-pressed=${this.testing ? 'true' : 'false'} @click=${() => this.playTestTone()}>
          ${this.testing ? s.testing : s.testSpeaker}
        </button>
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cif-audio-settings': CifAudioSettings;
  }
  interface HTMLElementEventMap {
    'cif-audio-device-change': CustomEvent<{ kind: 'input' | 'output'; deviceId: string }>;
  }
}
