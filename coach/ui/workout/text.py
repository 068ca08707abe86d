"""The words on the workout screen, worked out from the workout's state."""

from __future__ import annotations

from html import escape

from coach.core.phases import Phase, PhaseKind
from coach.core.routines import PlannedExercise, dose_text
from coach.core.workout import Workout

PHASE_WORDS = {
    PhaseKind.GET_READY: "Get ready",
    PhaseKind.SWITCH_SIDE: "Switch sides",
    PhaseKind.UP: "Up",
    PhaseKind.TOP_HOLD: "Hold",
    PhaseKind.DOWN: "Down",
    PhaseKind.HOLD: "Hold",
    PhaseKind.REST: "Rest",
}


def status_text(phase: Phase) -> str:
    parts = [f"Set {phase.set_number} of {phase.sets}"]
    if phase.rep is not None and phase.kind.is_work:
        parts.append(f"Rep {phase.rep} of {phase.reps}")
    if phase.side is not None:
        parts.append(f"{phase.side.value.capitalize()} side")
    return "  ·  ".join(parts)


def instruction(workout: Workout) -> str:
    phase, planned = workout.phase, workout.planned
    cues = planned.exercise.cues
    match phase.kind:
        case PhaseKind.GET_READY:
            first = planned.exercise.steps[0]
            if planned.dose.per_side:
                first += " Start with your left side."
            return f"{planned.note} {first}" if planned.note else first
        case PhaseKind.SWITCH_SIDE:
            return "Change to your right side"
        case PhaseKind.UP:
            return cues.up
        case PhaseKind.TOP_HOLD | PhaseKind.HOLD:
            return cues.hold
        case PhaseKind.DOWN:
            return cues.down
        case PhaseKind.REST:
            return f"Rest and breathe. Set {phase.set_number + 1} comes next."


def steps_html(planned: PlannedExercise) -> str:
    exercise = planned.exercise
    steps = "".join(f"<li>{escape(step)}</li>" for step in exercise.steps)
    html = f"<h3>{escape(exercise.name)}: {escape(dose_text(planned))}</h3>"
    if planned.note:
        html += f"<p><b>{escape(planned.note)}</b></p>"
    html += f"<ol>{steps}</ol>"
    if exercise.cautions:
        cautions = "".join(f"<li>{escape(c)}</li>" for c in exercise.cautions)
        html += f"<h3>Take care</h3><ul>{cautions}</ul>"
    return html
