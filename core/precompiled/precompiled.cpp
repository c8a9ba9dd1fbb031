// The translation unit that compiles precompiled.h into the precompiled header the other targets reuse.
