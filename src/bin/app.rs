//! The web page's entry point (Trunk builds it as the main wasm): renders the Yew app.
//! It links the report types and the views only; the analysis runs in `worker`.

fn main() {
    console_error_panic_hook::set_once();
    yew::Renderer::<crosscheck::web::components::App>::new().render();
}
