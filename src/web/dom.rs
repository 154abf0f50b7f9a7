//! Small browser helpers: downloading a string as a file, reading dropped or picked
//! files as text, scrolling a highlighted span into view.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::bridge::describe;

/// Offers `content` as a download named `file_name` (a Blob and an object URL; nothing
/// leaves the page).
pub fn download(file_name: &str, mime: &str, content: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|e| describe(&e))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| describe(&e))?;
    let anchor: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(|e| describe(&e))?.unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.set_hidden(true);
    if let Some(body) = document.body() {
        let _ = body.append_child(&anchor);
        anchor.click();
        let _ = body.remove_child(&anchor);
    }
    // Revoke later: the download starts asynchronously.
    gloo_timers::callback::Timeout::new(60_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// The files of a `FileList`, in order.
pub fn files(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Starts reading a file's bytes; [`finish_reading`] waits for them (decode them with
/// [`crate::decode`]). Starting every read of a batch before waiting for any lets the
/// browser read them side by side.
pub fn start_reading(file: &web_sys::File) -> JsFuture {
    JsFuture::from(file.array_buffer())
}

pub async fn finish_reading(read: JsFuture) -> Result<Vec<u8>, String> {
    let buffer = read.await.map_err(|e| describe(&e))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Scrolls the element with `id` to the middle of the view, if it exists.
pub fn scroll_into_view(id: &str) -> bool {
    let Some(element) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id))
    else {
        return false;
    };
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Center);
    element.scroll_into_view_with_scroll_into_view_options(&options);
    if let Some(el) = element.dyn_ref::<web_sys::HtmlElement>() {
        let _ = el.focus();
    }
    true
}

/// Scrolls the box `container` (not the page) so that its descendant `id` is in its view,
/// if both exist.
pub fn scroll_within(container: &str, id: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let (Some(outer), Some(inner)) = (document.get_element_by_id(container), document.get_element_by_id(id))
    else {
        return;
    };
    let (box_, item) = (outer.get_bounding_client_rect(), inner.get_bounding_client_rect());
    let by = if item.top() < box_.top() {
        item.top() - box_.top()
    } else if item.bottom() > box_.bottom() {
        (item.bottom() - box_.bottom()).min(item.top() - box_.top())
    } else {
        return;
    };
    outer.set_scroll_top(outer.scroll_top() + by.round() as i32);
}

/// Milliseconds since the page loaded.
pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

/// Moves keyboard focus to the element with `id`, if it exists.
pub fn focus(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}
