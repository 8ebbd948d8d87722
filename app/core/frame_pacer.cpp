// frame_pacer.cpp — the frame pacing decision (see frame_pacer.hpp).
#include "core/frame_pacer.hpp"

#include <algorithm>

namespace jinguo {

bool FramePacer::idle(double now) const {
    return m_enabled && m_idleAllowed && m_started && m_settleLeft == 0 && now >= m_activeUntil;
}

FramePacer::Plan FramePacer::plan(double now) const {
    if (!m_enabled || !m_started) return {now, false};
    const double fullRate = capping() ? m_lastStart + m_pacing.period : m_lastStart;
    if (!idle(now)) return {std::max(now, fullRate), false};
    // Idle: the soonest timed redraw, else the heartbeat; never faster than the cap.
    const double at = std::min(m_redrawAt, m_lastStart + m_pacing.heartbeat);
    return {std::max({now, fullRate, at}), true};
}

void FramePacer::frameStarted(double now, bool input, bool signalled) {
    m_frameWasActive = !idle(now);
    if (!m_started) input = true;   // a window that appears is looked at
    m_started = true;
    m_lastStart = now;
    if (m_settleLeft > 0) --m_settleLeft;
    if (input) m_activeUntil = std::max(m_activeUntil, now + m_pacing.idleAfter);
    if (signalled || now >= m_redrawAt) m_settleLeft = std::max(m_settleLeft, m_pacing.settleFrames);
}

void FramePacer::frameEnded(double now, double redrawWithin) {
    // Vsync is judged on full-rate frames only: an idle frame starts at a
    // random point of the refresh and would look faster than it is.
    if (m_frameWasActive && now >= m_lastStart) {
        m_busy[static_cast<std::size_t>(m_busyNext)] = now - m_lastStart;
        m_busyNext = (m_busyNext + 1) % kJudgedFrames;
        m_busyCount = std::min(m_busyCount + 1, kJudgedFrames);
        if (m_busyCount == kJudgedFrames) {
            std::array<double, kJudgedFrames> sorted = m_busy;
            std::nth_element(sorted.begin(), sorted.begin() + kJudgedFrames / 2, sorted.end());
            m_judgedNoVsync = sorted[kJudgedFrames / 2] < m_pacing.vsyncJudgeBelow;
        }
    }
    redrawWithin = std::max(0.0, redrawWithin);
    m_redrawAt = redrawWithin >= kNever ? kNever : now + redrawWithin;
    // An animation keeps the full rate as long as it asks for the next frame.
    if (redrawWithin <= m_pacing.period) m_activeUntil = std::max(m_activeUntil, now + m_pacing.period);
}

} // namespace jinguo
