//! Reading a frame's key presses into commands, through the command table; the keys are
//! consumed so that widgets (a focused note field) don't act on them twice.

use super::{Action, CommandQueue, Shortcut, ShortcutScope};

/// Reads and consumes this frame's shortcuts into `queue`. `typing` is true while a text field
/// has focus: then only `Anywhere` shortcuts count.
pub fn read(ctx: &egui::Context, typing: bool, queue: &mut CommandQueue) {
    let table = Action::table();
    let mut counts = vec![0_usize; table.len()];
    ctx.input_mut(|input| {
        // egui matches Ctrl shortcuts logically (ignoring an extra Shift, so Ctrl+Plus works
        // where Plus needs Shift): the ones with Shift are read first, so Ctrl+Shift+Z is not
        // also taken as Ctrl+Z.
        for with_shift in [true, false] {
            for (action, count) in table.iter().zip(&mut counts) {
                for shortcut in in_scope(action, ShortcutScope::Anywhere, with_shift) {
                    if input.consume_shortcut(&shortcut.keyboard()) {
                        *count += 1;
                    }
                }
            }
        }
        if typing {
            return;
        }
        for with_shift in [true, false] {
            for (action, count) in table.iter().zip(&mut counts) {
                for shortcut in in_scope(action, ShortcutScope::Article, with_shift) {
                    // Exact modifiers: Shift+Tab must not also count as Tab, Ctrl+C is not
                    // "claim".
                    let pressed = input.events.iter().any(|event| {
                        matches!(event, egui::Event::Key { key, pressed: true, modifiers, .. }
                            if *key == shortcut.key && modifiers.matches_exact(shortcut.modifiers))
                    });
                    if pressed {
                        input.consume_key(shortcut.modifiers, shortcut.key);
                        *count += 1;
                    }
                }
            }
        }
    });
    let steps = table
        .iter()
        .zip(&counts)
        .any(|(action, &n)| n > 0 && matches!(action, Action::SelectNext | Action::SelectPrevious));
    if steps {
        // egui already read Tab as "move keyboard focus"; we used it, so cancel that.
        ctx.memory_mut(|memory| memory.move_focus(egui::FocusDirection::None));
    }
    for (action, times) in table.into_iter().zip(counts) {
        queue.push_times(action, times);
    }
}

/// `action`'s shortcuts in `scope`, with or without Shift.
fn in_scope(
    action: &Action,
    scope: ShortcutScope,
    with_shift: bool,
) -> impl Iterator<Item = &'static Shortcut> {
    action
        .shortcuts()
        .iter()
        .filter(move |s| s.scope == scope && s.modifiers.shift == with_shift)
}
