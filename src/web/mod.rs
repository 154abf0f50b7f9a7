//! The browser shells (feature `web`): the Yew app, the worker bridge and the JS API.
//!
//! (Skeleton: see the issue tracker.)
