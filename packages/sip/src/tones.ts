/**
 * Call progress tones made locally with Web Audio: no audio files, no external URLs.
 */

/** A tone pattern: frequencies played together, then a cadence of on/off times in ms (repeated). */
export interface TonePattern {
  frequencies: readonly number[];
  cadence: readonly number[];
  /** Peak gain, 0–1. */
  gain?: number;
}

/** Ringback the caller hears while the other side rings (North American: 440 + 480 Hz, 2 s on, 4 s off). */
export const RINGBACK_TONE: TonePattern = { frequencies: [440, 480], cadence: [2000, 4000], gain: 0.12 };
/** The ring the agent hears for an incoming call (two short bursts, then a pause). */
export const RINGING_TONE: TonePattern = { frequencies: [480, 620], cadence: [400, 200, 400, 2000], gain: 0.15 };
/** Call waiting: a short beep every 5 s while another call is going on. */
export const CALL_WAITING_TONE: TonePattern = { frequencies: [440], cadence: [300, 5000], gain: 0.1 };
/** A test tone for the speaker check (1 kHz, continuous). */
export const TEST_TONE: TonePattern = { frequencies: [1000], cadence: [1000, 0], gain: 0.1 };

/** What `TonePlayer` needs of an `AudioContext` (tests pass a stand-in). */
export type ToneContextFactory = () => AudioContext;

/**
 * Plays one tone pattern at a time. `play()` replaces what is playing; `stop()` silences it. The cadence is
 * scheduled on the audio clock, a minute ahead at a time, so a busy main thread does not stretch it.
 */
export class TonePlayer {
  private ctx: AudioContext | undefined;
  private nodes: { oscillators: OscillatorNode[]; gain: GainNode } | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private _playing: TonePattern | undefined;
  /** Speaker the tones go to (`setSinkId` on the context, where supported). */
  private sinkId = '';

  constructor(private readonly makeContext: ToneContextFactory = () => new AudioContext()) {}

  /** The pattern playing, if any. */
  get playing(): TonePattern | undefined {
    return this._playing;
  }

  /** Plays `pattern` until `stop()` (or another `play()`). Never throws: no audio is not an error here. */
  play(pattern: TonePattern): void {
    this.stop();
    try {
      const ctx = (this.ctx ??= this.makeContext());
      if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
      if (this.sinkId) void this.applySink(ctx);
      const gain = ctx.createGain();
      gain.gain.value = 0;
      gain.connect(ctx.destination);
      const oscillators = pattern.frequencies.map((f) => {
        const o = ctx.createOscillator();
        o.type = 'sine';
        o.frequency.value = f;
        o.connect(gain);
        o.start();
        return o;
      });
      this.nodes = { oscillators, gain };
      this._playing = pattern;
      this.schedule(ctx, gain, pattern, ctx.currentTime);
    } catch {
      this._playing = undefined;
    }
  }

  /** Stops the tone. */
  stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const n = this.nodes;
    this.nodes = undefined;
    this._playing = undefined;
    if (!n) return;
    for (const o of n.oscillators) {
      try {
        o.stop();
        o.disconnect();
      } catch {
        // already stopped
      }
    }
    n.gain.disconnect();
  }

  /** Sends the tones to this speaker (`''`: the default). */
  async setSinkId(sinkId: string): Promise<void> {
    this.sinkId = sinkId;
    if (this.ctx) await this.applySink(this.ctx);
  }

  /** Stops and closes the audio context. */
  dispose(): void {
    this.stop();
    void this.ctx?.close().catch(() => undefined);
    this.ctx = undefined;
  }

  private async applySink(ctx: AudioContext): Promise<void> {
    const withSink = ctx as AudioContext & { setSinkId?: (id: string) => Promise<void> };
    if (typeof withSink.setSinkId === 'function') await withSink.setSinkId(this.sinkId).catch(() => undefined);
  }

  /** Schedules on/off ramps for about a minute from `from`, then again before that runs out. */
  private schedule(ctx: AudioContext, gain: GainNode, pattern: TonePattern, from: number): void {
    const peak = pattern.gain ?? 0.1;
    const cadence = pattern.cadence.length ? pattern.cadence : [1000, 0];
    const param = gain.gain;
    let t = from;
    const until = from + 60;
    while (t < until) {
      for (let i = 0; i < cadence.length; i++) {
        const seconds = Math.max(0, cadence[i]!) / 1000;
        const on = i % 2 === 0;
        if (seconds === 0) continue;
        // 10 ms ramps: no clicks.
        param.setValueAtTime(on ? 0 : peak, t);
        param.linearRampToValueAtTime(on ? peak : 0, t + 0.01);
        t += seconds;
      }
      if (cadence.every((c, i) => i % 2 === 0 || c === 0)) break; // continuous: nothing to repeat
    }
    const continuous = cadence.every((c, i) => i % 2 === 0 || c === 0);
    if (continuous) return;
    const next = t;
    this.timer = setTimeout(() => {
      if (this.nodes?.gain === gain) this.schedule(ctx, gain, pattern, next);
    }, Math.max(1000, (next - ctx.currentTime - 5) * 1000));
  }
}
