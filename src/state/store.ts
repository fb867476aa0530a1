import { create } from 'zustand';
import { subscribeWithSelector } from 'zustand/middleware';
import type { CompareSlice } from './slices/compare';
import { compareSlice } from './slices/compare';
import type { ConfigSlice } from './slices/config';
import { configSlice } from './slices/config';
import type { DisplaySlice } from './slices/display';
import { displaySlice } from './slices/display';
import type { LessonSlice } from './slices/lesson';
import { lessonSlice } from './slices/lesson';
import type { LinkSlice } from './slices/link';
import { linkSlice } from './slices/link';
import type { ReportSlice } from './slices/report';
import { reportSlice } from './slices/report';
import type { RunSlice } from './slices/run';
import type { RunsSlice } from './slices/runs';
import { runsSlice } from './slices/runs';
import { runSlice } from './slices/run';
import type { TouchSlice } from './slices/touch';
import { touchSlice, watchHistory } from './slices/touch';
import type { UploadSlice } from './slices/upload';
import { uploadSlice } from './slices/upload';
import type { ViewSlice } from './slices/view';
import { viewSlice } from './slices/view';

export type LabState = ConfigSlice &
  RunSlice &
  ViewSlice &
  UploadSlice &
  CompareSlice &
  LinkSlice &
  LessonSlice &
  RunsSlice &
  ReportSlice &
  DisplaySlice &
  TouchSlice;

/** The one store of the lab: settings, the run the worker reports, and what the views need. */
export const useLab = create<LabState>()(
  subscribeWithSelector((...a) => ({
    ...configSlice(...a),
    ...runSlice(...a),
    ...viewSlice(...a),
    ...runsSlice(...a),
    ...uploadSlice(...a),
    ...compareSlice(...a),
    ...linkSlice(...a),
    ...lessonSlice(...a),
    ...reportSlice(...a),
    ...displaySlice(...a),
    ...touchSlice(...a),
  })),
);

// The time scrubber's history records the live snapshots (slices/touch.ts).
watchHistory(useLab);
