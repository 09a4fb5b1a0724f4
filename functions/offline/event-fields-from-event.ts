import type { DriftwatchEvent } from '../domain/events/event-schema.ts';
import {
  EVENT_DECISION,
  EVENT_LABEL,
  EVENT_TASK,
  EventFields,
  STATUS_COMPLETED,
  STATUS_FAILED,
  STATUS_HANDED_OFF,
  STATUS_STARTED,
} from './event-fields.ts';
import { hashCodeUnits } from './string-key-table.ts';

const STATUS_CODES = {
  started: STATUS_STARTED,
  completed: STATUS_COMPLETED,
  failed: STATUS_FAILED,
  handed_off: STATUS_HANDED_OFF,
} as const;

/**
 * Turns a parsed and validated event (the exact path's output) into EventFields: its texts are copied as
 * UTF-16 code units into a scratch array, so any string — non-ASCII, or a lone surrogate — keeps its exact
 * identity; times go through Date.parse, as the pairing does; the features object is handed over whole for
 * the fold to read by name. One writer is reused for every event. O(size of the event).
 */
export class EventFieldsWriter {
  units = new Uint16Array(4096);
  readonly #fields = new EventFields();
  #used = 0;

  /** Appends `text` to the scratch and returns its start; its end is start + text.length. */
  #text(text: string): number {
    if (this.#used + text.length > this.units.length) {
      const grown = new Uint16Array(Math.max(2 * this.units.length, this.#used + text.length));
      grown.set(this.units.subarray(0, this.#used));
      this.units = grown;
    }
    const start = this.#used;
    for (let i = 0; i < text.length; i++) this.units[start + i] = text.charCodeAt(i);
    this.#used += text.length;
    return start;
  }

  /** The fields of `event`, valid until the next call; their ranges index {@link units}. */
  write(event: DriftwatchEvent): EventFields {
    this.#used = 0;
    const out = this.#fields;
    out.idStart = this.#text(event.id);
    out.idEnd = out.idStart + event.id.length;
    out.monitorStart = this.#text(event.monitor);
    out.monitorEnd = out.monitorStart + event.monitor.length;
    out.time = Date.parse(event.time);
    out.clearOptional();
    if (event.type !== 'label' && event.task !== undefined) {
      out.taskStart = this.#text(event.task);
      out.taskEnd = out.taskStart + event.task.length;
    }
    switch (event.type) {
      case 'decision':
        out.type = EVENT_DECISION;
        out.predictedStart = this.#text(event.predicted);
        out.predictedEnd = out.predictedStart + event.predicted.length;
        if (event.variant !== undefined) {
          out.variantStart = this.#text(event.variant);
          out.variantEnd = out.variantStart + event.variant.length;
        }
        if (event.confidence !== undefined) {
          out.hasConfidence = true;
          out.confidence = event.confidence;
        }
        if (event.features !== undefined) {
          out.hasFeatures = true;
          out.featureObject = event.features;
        }
        break;
      case 'label':
        out.type = EVENT_LABEL;
        out.decisionIdStart = this.#text(event.decisionId);
        out.decisionIdEnd = out.decisionIdStart + event.decisionId.length;
        out.actualStart = this.#text(event.actual);
        out.actualEnd = out.actualStart + event.actual.length;
        break;
      case 'task':
        out.type = EVENT_TASK;
        out.taskIdStart = this.#text(event.taskId);
        out.taskIdEnd = out.taskIdStart + event.taskId.length;
        out.status = STATUS_CODES[event.status];
        if (event.deadline !== undefined) {
          out.hasDeadline = true;
          out.deadline = Date.parse(event.deadline);
        }
        break;
    }
    out.recordKeyHash =
      out.type === EVENT_DECISION
        ? hashCodeUnits(this.units, out.idStart, out.idEnd)
        : out.type === EVENT_LABEL
          ? hashCodeUnits(this.units, out.decisionIdStart, out.decisionIdEnd)
          : hashCodeUnits(this.units, out.taskIdStart, out.taskIdEnd);
    return out;
  }
}
