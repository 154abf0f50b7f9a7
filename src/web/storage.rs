//! Saving the workspace in `localStorage` and restoring it on load.
//!
//! Every fault becomes a message, never a failed page: storage disabled or blocked
//! (the workspace lives in memory only), quota exceeded (the last good save stays), a
//! damaged save (what can be read is restored; the damaged text is kept under
//! [`DAMAGED_KEY`] so nothing is silently destroyed).

use wasm_bindgen::JsCast;

use super::bridge::describe;
use super::state::{decode, encode, Limits, Workspace};

pub const KEY: &str = "crosscheck.workspace";
pub const DAMAGED_KEY: &str = "crosscheck.workspace.damaged";

fn storage() -> Result<web_sys::Storage, String> {
    let window = web_sys::window().ok_or("no window")?;
    match window.local_storage() {
        Ok(Some(storage)) => Ok(storage),
        Ok(None) => Err("this browser offers no local storage".into()),
        Err(e) => Err(describe(&e)),
    }
}

fn unavailable(reason: &str) -> String {
    format!("Browser storage is unavailable ({reason}): your articles will not be kept after a reload.")
}

/// The saved workspace (empty when there is none) and a message if something was wrong.
pub fn load(limits: &Limits) -> (Workspace, Option<String>) {
    let storage = match storage() {
        Ok(s) => s,
        Err(e) => return (Workspace::default(), Some(unavailable(&e))),
    };
    let saved = match storage.get_item(KEY) {
        Ok(Some(saved)) => saved,
        Ok(None) => return (Workspace::default(), None),
        Err(e) => {
            return (
                Workspace::default(),
                Some(format!("The saved workspace could not be read ({}).", describe(&e))),
            )
        }
    };
    let (workspace, problem) = decode(&saved, limits);
    if problem.is_some() {
        let _ = storage.set_item(DAMAGED_KEY, &saved);
    }
    (workspace, problem)
}

/// Saves the workspace. On failure the previous save is left as it was.
pub fn save(workspace: &Workspace) -> Result<(), String> {
    let storage = storage().map_err(|e| unavailable(&e))?;
    let result = if workspace.sources.is_empty() {
        storage.remove_item(KEY)
    } else {
        storage.set_item(KEY, &encode(workspace))
    };
    result.map_err(|e| {
        let quota = e
            .dyn_ref::<web_sys::DomException>()
            .is_some_and(|d| d.name() == "QuotaExceededError" || d.code() == 22);
        if quota {
            "Your articles are too large for the browser's storage: they are analysed but will not survive a reload \
             (the last saved workspace is kept)."
                .to_string()
        } else {
            format!("Your articles could not be saved ({}).", describe(&e))
        }
    })
}
